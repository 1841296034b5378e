# __all__ names an attribute the module lacks: AttributeError, as in CPython.
from pkgdemo.badall import *
