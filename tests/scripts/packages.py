# Packages, submodules, relative imports and namespace packages (PEP 420),
# with __name__, __package__, __path__ and __file__ as CPython sets them.
import sys

def basename(path):
    return path.rsplit("/", 1)[-1]

import pkgdemo
print(pkgdemo.__name__, pkgdemo.__package__, [basename(p) for p in pkgdemo.__path__])
print(pkgdemo.Base.kind, pkgdemo.helper(), pkgdemo.shapes.Square.kind)
print("submodules bound:", pkgdemo.base.__name__, pkgdemo.sub.__name__, pkgdemo.sub.deep.__name__)
print("sub sees", pkgdemo.sub.public_value)

import pkgdemo.sub.deep
print(pkgdemo.sub.deep.depth())
import pkgdemo.sub.deep as d
print(d is sys.modules["pkgdemo.sub.deep"], d.__package__)

from pkgdemo import noall, cycle_a
print(noall.four(), cycle_a.cycle_b.read(), cycle_a.value_a)
from pkgdemo.sub import deep
print(deep is d)

# A folder without __init__.py is a namespace package.
import nsdemo.part.leaf
print(nsdemo.part.leaf.LEAF, nsdemo.__file__, [basename(p) for p in nsdemo.__path__])
print(type(nsdemo).__name__, nsdemo.part.__package__)

# __import__ returns the top package, or the module when a fromlist is given.
print(__import__("pkgdemo.sub").__name__, __import__("pkgdemo.sub", fromlist=["x"]).__name__)
print(__import__("base", globals=vars(pkgdemo), fromlist=["Base"], level=1).__name__)

# Errors match CPython.
HERE = __file__.rsplit("/", 1)[0] + "/"
def attempt(fn):
    try:
        fn()
    except ImportError as e:
        print(type(e).__name__ + ":", str(e).replace(HERE, ""))
def a1(): import pkgdemo.missing
def a2(): from pkgdemo import missing
def a3(): import pkgdemo.base.nope
def a4(): from pkgdemo.noall import nothing
def a5(): import nosuchmodule_xyz
def a6(): __import__("", level=0)
for fn in (a1, a2, a3, a4, a5):
    attempt(fn)
try:
    a6()
except ValueError as e:
    print("ValueError:", e)
try:
    __import__("pkgdemo", fromlist=[1])
except TypeError as e:
    print("TypeError:", e)

print(sorted(k for k in sys.modules if k.startswith(("pkgdemo", "nsdemo"))))
