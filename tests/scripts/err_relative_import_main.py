# A relative import in the main script has no parent package.
from . import pkgdemo
