# dict.update and dict() from mappings (anything with keys()), such as a
# class's mappingproxy, against CPython 3.11.
class C:
    x = 1
d = {}
d.update(C.__dict__)
print(sorted(k for k in d if not k.startswith('__')), d['x'])
class M:
    def keys(self): return ['a', 'b']
    def __getitem__(self, k): return k * 2
print(dict(M()), {**{'z': 0}}, dict([('p', 1)]))
d2 = {}; d2.update(M()); print(d2)
try: {}.update(5)
except TypeError as e: print(e)
try: {}.update([1])
except TypeError as e: print(e)
class BadKeys:
    keys = 3
try: {}.update(BadKeys())
except TypeError as e: print(e)
import types
print(dict(types.MappingProxyType({'q': 1})))
