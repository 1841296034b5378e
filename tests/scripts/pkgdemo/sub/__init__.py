print("pkgdemo.sub:", __name__, __package__)
from ..base import public_value
