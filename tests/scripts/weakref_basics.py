# weakref.ref, proxy and the _weakref functions against CPython 3.11.
import _weakref
from _weakref import ref, proxy, getweakrefcount, getweakrefs
class C:
    def m(self): return 1
c = C()
r = ref(c)
print(r() is c, ref(c) is r, getweakrefcount(c), getweakrefs(c) == [r])
log = []
r2 = ref(c, lambda w: log.append(('cb', w is r2, w())))
print(getweakrefcount(c), getweakrefs(c)[0] is r, r2 is not r, r == r2, hash(r) == hash(c))
print(r2.__callback__ is not None, r.__callback__)
del c
print(r(), r2(), log, getweakrefcount(r))
def check_function():
    # A nested function is counted like any object: freed at its last
    # reference, without a collection.
    def f(): pass
    rf = ref(f); print(rf() is f)
    del f; print(rf())
check_function()
m = C().m
rm = ref(m); print(rm() is m); del m; print(rm())
for bad in (1, 'x', (), [], {}, None):
    try: ref(bad)
    except TypeError as e: print(e)
class I(int): pass
class L(list): pass
class S: __slots__ = ('a',)
class SW: __slots__ = ('a', '__weakref__')
for k in (I, L, S, SW):
    try: ref(k()); print(k.__name__, 'ok')
    except TypeError as e: print(e)
class E(Exception): pass
e = E(); re_ = ref(e); print(re_() is e); del e; print(re_())
p = proxy(C())
try: p.m()
except ReferenceError as e: print('RE', e)
o = C(); o.x = 5; p = proxy(o); print(p.x, p.m())
p.y = 3; print(o.y)
T = type('T', (), {}); rt = ref(T); print(rt() is T); del T
import sys
print(ref(int)() is int)
class KR(ref):
    __slots__ = ('key',)
    def __new__(type, ob, callback, key):
        self = ref.__new__(type, ob, callback)
        self.key = key
        return self
    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)
o2 = C()
k = KR(o2, None, 'kk'); print(k.key, k() is o2, type(k).__name__, isinstance(k, ref))
del o2; print(k(), k.key)
dead = ref(C())
print(repr(dead).endswith('; dead>'), hash(r) == hash(r))
try: hash(dead)
except TypeError as e: print(e)
d = {'a': dead}
_weakref._remove_dead_weakref(d, 'a'); print(d)
_weakref._remove_dead_weakref(d, 'zz')
print(ref[int])

# Callbacks run newest first after every reference is cleared; a failing
# callback is reported and the others still run.
order = []
class D:
    pass
d = D()
refs = [ref(d, lambda w, i=i: order.append((i, w() is None))) for i in range(4)]
class Bad:
    def __call__(self, w):
        raise ValueError("boom")
    def __repr__(self):
        return "<Bad callback>"
rb = ref(d, Bad())
del d
print(order)

# __del__ runs before the references are cleared: it still sees itself.
class Fin:
    def __del__(self):
        print("del sees ref alive:", wr() is self)
f = Fin()
wr = ref(f, lambda w: print("callback after del:", w() is None))
del f

# Weak references to weak-reference subclasses, and the __weakref__ rules.
class WR(ref):
    __slots__ = ('a', '__weakref__')
t = D()
w = WR(t)
ww = ref(w)
print(ww() is w, getweakrefcount(w))
del w
print(ww())
for spec in (('__weakref__', '__weakref__'),):
    try:
        type('X', (), {'__slots__': spec})
    except TypeError as e:
        print(e)
try:
    class Y(SW):
        __slots__ = ('__weakref__',)
except TypeError as e:
    print(e)

# Proxies forward operations.
class Seq(list):
    pass
s = Seq([3, 1, 2])
p = proxy(s)
print(len(p), p[0], 2 in p, sorted(p), p + [9], list(iter(p)), bool(p))
p[0] = 7
print(s, p == [7, 1, 2], type(p).__name__, type(proxy(len)).__name__ if False else callable(proxy(C().m)))
try:
    hash(p)
except TypeError as e:
    print(e)
del s
try:
    len(p)
except ReferenceError as e:
    print(e)
print(repr(ref(C())).startswith('<weakref at 0x'), repr(rb).endswith('; dead>'))

# The standard library's WeakSet runs on these.
from _weakrefset import WeakSet
ws = WeakSet()
items = [D() for _ in range(5)]
for it in items:
    ws.add(it)
print(len(ws), items[0] in ws)
del items[:3]
print(len(ws), sorted(id(x) for x in ws) == sorted(id(x) for x in items))

# __class__ assignment keeps the weak-reference layout (CPython's
# compatible_for_assignment compares tp_weaklistoffset).
class P:
    __slots__ = ('v',)
class Q:
    __slots__ = ('v', '__weakref__')
q = Q()
try:
    q.__class__ = P
except TypeError as e:
    print(e)
class SlottedMeta(type):
    __slots__ = ()
class Made(metaclass=SlottedMeta):
    pass
print(ref(Made)() is Made, ref(SlottedMeta)() is SlottedMeta)
