from .. import base
from ..base import helper
def depth():
    return "deep sees " + base.__name__ + " / " + helper()
