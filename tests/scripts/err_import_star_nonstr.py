# A non-str item in __all__: TypeError naming the module.
from pkgdemo.intall import *
