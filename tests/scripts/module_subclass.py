# Classes derived from types.ModuleType (importlib.util's _LazyModule,
# zipfile's): their instances keep the module dict as __dict__, run their
# own __init__ (which calls module.__init__), and go into sys.modules;
# module objects answer the type's attributes (mod.__init__, __dir__).
import types, sys
class M(types.ModuleType):
    pass
m = M("mm", "docs")
print(type(m).__name__, m.__name__, m.__doc__, m.__dict__ is vars(m), repr(m))
m.x = 5
print(m.x, sorted(k for k in m.__dict__))
class N(types.ModuleType):
    def __init__(self, name, extra):
        super().__init__(name)
        self.extra = extra
    def hello(self):
        return "hello from " + self.__name__
n = N("nn", 42)
print(n.extra, n.hello(), n.__spec__, isinstance(n, types.ModuleType))
sys.modules["nn"] = n
import nn
print(nn is n, nn.hello())
class Lazy(types.ModuleType):
    def __getattribute__(self, attr):
        if attr == "magic":
            return 99
        return object.__getattribute__(self, attr)
l = Lazy("lazy")
print(l.magic, l.__name__)
import importlib.util, zipfile
print(importlib.util.resolve_name(".x", "pkg"))
try:
    types.ModuleType(5)
except TypeError as e:
    print("TypeError", e)
try:
    M()
except TypeError as e:
    print("TypeError", e)
mod = types.ModuleType("plain")
mod.__init__("renamed", "d2")
print(mod.__name__, mod.__doc__)
del m, n
