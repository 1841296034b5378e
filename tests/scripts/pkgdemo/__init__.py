# A regular package for tests/scripts/packages.py and import_star.py.
print("pkgdemo init:", __name__, __package__, __file__.endswith("pkgdemo/__init__.py"))
from .base import Base, helper
from . import shapes
__all__ = ["Base", "shapes", "exported", "sub"]
exported = "from __all__"
_private = "hidden"
