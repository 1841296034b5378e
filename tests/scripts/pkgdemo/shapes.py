from .base import Base
from . import base as base_module
from .sub.deep import depth
class Square(Base):
    kind = "square"
print("pkgdemo.shapes:", __name__, __package__, base_module.__name__, depth())
