# from M import *: __all__ when the module has one (submodules it names are
# imported), else every public name of the module's namespace.
before = set(dir())
from pkgdemo import *
print(sorted(set(dir()) - before - {"before"}))
print(exported, Base.kind, shapes.Square.kind, sub.__name__)
from pkgdemo.noall import *
print(one, two, four(), "_three" in dir(), "noall" in dir())
import pkgdemo.noall
print(one is pkgdemo.noall.one)
try:
    import pkgdemo.beyond
except ImportError as e:
    print(type(e).__name__ + ":", e)
print("pkgdemo.beyond" in __import__("sys").modules)
