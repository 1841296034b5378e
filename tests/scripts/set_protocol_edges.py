# Sets and frozensets where CPython's test_set found ftpy different:
# frozenset hashes after deletions, sets as keys, copy(), keywords in
# derived classes, stored hashes reused, weak references, pickling
# __slots__, and the iterators' __length_hint__ and cycles.
import gc
import operator
import pickle
import weakref

# A frozenset built by deleting (symmetric difference) hashes like the
# equal one built directly.
a, b = frozenset({0}), frozenset({1})
print(hash(a ^ a) == hash(frozenset()), hash(frozenset({0, 1}) ^ b) == hash(a))
print((a ^ a) in {frozenset()}, frozenset({0, 1, 2}) - {2} in {frozenset({0, 1})})
d = {frozenset(s) for s in ([1, 2], [2, 3])}
for x in list(d):
    print(sorted(x), x ^ x in {frozenset()})


class S(set):
    pass


s = {frozenset('ab'), 1}
print(S('ab') in s, set('ab') in s, set('zz') in s)
s.discard(S('ab'))
print(s)
try:
    s.remove(S('zz'))
except KeyError as e:
    print('KeyError', e)
try:
    s.remove([1])
except TypeError as e:
    print('TypeError', e)

f = frozenset([1])
print(f.copy() is f, type(S([1]).copy()).__name__, frozenset().copy() is frozenset().copy())


class F(frozenset):
    pass


class G(frozenset):
    def __init__(self, arg, newarg=None):
        self.newarg = newarg


try:
    F(sequence=())
except TypeError as e:
    print('TypeError', e)
try:
    frozenset([1], key=2)
except TypeError as e:
    print('TypeError', e)
g = G([1, 2], newarg=3)
print(sorted(g), g.newarg, type(F([1]).copy()).__name__)


class Counted:
    def __init__(self, v):
        self.v = v
        self.hashes = 0

    def __hash__(self):
        self.hashes += 1
        return hash(self.v)

    def __eq__(self, other):
        return isinstance(other, Counted) and self.v == other.v


keys = dict.fromkeys(Counted(i) for i in range(10))
def hashes():
    return sum(k.hashes for k in keys)
print('hashes', hashes())
t = set(keys)
t.difference(keys)
t.symmetric_difference_update(keys)
t2 = frozenset(keys)
t2 & set(keys)
t2 - set(keys)
dict.fromkeys(set(keys))
dict.fromkeys(frozenset(keys), 1)
dict.fromkeys(keys)
{}.update(keys)
print('hashes', hashes(), len(t), len(t2))

# Weak references to sets and frozensets.
w = {1}
r = weakref.ref(w)
print(r() is w)
del w
print(r())
fired = []
w = frozenset([2])
r = weakref.ref(w, lambda ref: fired.append(ref is r))
p = weakref.proxy(w)
print(2 in p, len(p))
del w
print(fired)
try:
    len(p)
except ReferenceError as e:
    print('ReferenceError', e)
ws = weakref.WeakSet()
k = frozenset([1])
ws.add(k)
print(len(ws))
del k
print(len(ws))


class Slotted(set):
    __slots__ = ('x', 'y', '__dict__')


class BSlotted(bytearray):
    __slots__ = ('x',)


s = Slotted([1, 2])
s.x = ['x']
s.z = 'z'
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    dup = pickle.loads(pickle.dumps(s, proto))
    print(proto, type(dup).__name__, sorted(dup), dup.x, dup.z, hasattr(dup, 'y'))
bs = BSlotted(b'ab')
bs.x = 3
dup = pickle.loads(pickle.dumps(bs))
print(dup, dup.x)

# __length_hint__: what is left to come.
for x in ([1, 2, 3], (1, 2), 'abc', 'äbc', b'ab', bytearray(b'abc'), range(5), reversed([1, 2, 3]),
          reversed((1, 2)), {1: 2, 3: 4}, {1: 2}.values(), {1: 2}.items(), {1, 2, 3}, frozenset([4])):
    it = iter(x)
    before = it.__length_hint__()
    next(it)
    print(type(it).__name__, before, it.__length_hint__(), operator.length_hint(it))
    list(it)
    print(' exhausted', it.__length_hint__())
d = {1: 2}
it = iter(d)
d[3] = 4
print('dict changed', it.__length_hint__())
st = {1, 2}
it = iter(st)
st.add(3)
print('set changed', it.__length_hint__())


class GetItem:
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError


print(iter(GetItem()).__length_hint__(), operator.length_hint(iter(GetItem()), 7))
lst = [1, 2, 3]
it = reversed(lst)
del lst[:]
print('shrunk', it.__length_hint__())

# An iterator that closes a cycle is collected.
class C:
    pass


makers = [lambda c: iter([c]), lambda c: iter((c,)), lambda c: iter({1: c}.values()),
          lambda c: iter({1: c}.items()), lambda c: iter({c}), lambda c: reversed([c]),
          lambda c: enumerate([c]), lambda c: zip([c]), lambda c: map(id, [c]),
          lambda c: filter(None, [c]), lambda c: {1: c}.values(), lambda c: iter({c: 1}),
          lambda c: {c: 1}.keys(), lambda c: {1: c}.items()]
for make in makers:
    obj = C()
    ref = weakref.ref(obj)
    obj.x = make(obj)
    del obj
    gc.collect()
    print(ref() is None, end=' ')
print()
print(gc.is_tracked(iter([])), gc.is_tracked(iter(range(3))),
      gc.is_tracked(zip()), gc.is_tracked({}.keys()))
