# Namespaces that are mappings but not dicts, as CPython allows: a class
# body run in what __prepare__ returns (names, annotations, the class cell
# read back through __getitem__), exec() and eval() with any mapping as
# locals (annotations, `from m import *`, deletes reported as NameError), a
# dict subclass's own __getitem__.
class NS:
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __contains__(self, k): return k in self.d
class M(type):
    @classmethod
    def __prepare__(mcls, name, bases): return NS()
    def __new__(mcls, name, bases, ns): return super().__new__(mcls, name, bases, dict(ns.d))
class C(metaclass=M):
    x: int = 3
    y: str
print(C.x, C.__annotations__)
class CNS:
    def __init__(self): self._dct = {}
    def __setitem__(self, item, value): self._dct[item.lower()] = value
    def __getitem__(self, item): return self._dct[item]
ns = CNS()
exec('x: int = 1\nX = 2\ny: str\nfrom math import *\nz = pi > 3', {}, ns)
print(sorted(ns._dct), ns._dct['__annotations__'], ns._dct['x'], ns._dct['z'])
print(eval('a + b', {}, {'a': 1, 'b': 2}), eval('q * 2', {}, type('M', (), {'__getitem__': lambda s, k: 21})()))
try:
    exec('del nothing', {}, CNS())
except Exception as e:
    print(type(e).__name__, e)
class L(dict):
    def __getitem__(self, k): return 'from getitem'
print(eval('anything', {}, L()))


class Base:
    def hello(self):
        return "base"


class D(Base, metaclass=M):
    def hello(self):
        return "d+" + super().hello()


print(D().hello(), type(D).__name__)
