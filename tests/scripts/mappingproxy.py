# A class's __dict__ is a read-only mappingproxy (types.MappingProxyType is
# type(type.__dict__)): reads pass through, stores are TypeErrors.
MappingProxyType = type(type.__dict__)
class C:
    x = 1
    def m(self): pass
d = C.__dict__
print(type(d).__name__, d['x'], 'm' in d, len(d) > 2, sorted(k for k in d if not k.startswith('__')))
print(type(int.__dict__).__name__, 'bit_length' in int.__dict__, d.get('x'), d.get('nope', 5))
try:
    d['y'] = 2
except TypeError as e:
    print("TypeError", e)
print(MappingProxyType is type(d))
mp = MappingProxyType({'a': 1})
print(mp, repr(mp), mp['a'], list(mp.items()), mp.copy(), mp == {'a': 1}, str(mp))
try: MappingProxyType([1])
except TypeError as e: print(e)
# The proxy is live: it shows later changes to the class.
C.y = 2
print(d["y"], "y" in d)
base = {"k": 1}
live = MappingProxyType(base)
base["k2"] = 2
print(len(live), sorted(live), list(reversed(sorted(live.keys()))))
try:
    del d["x"]
except TypeError as e:
    print("TypeError", e)
