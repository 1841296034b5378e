# set's update methods and in-place operators, dict |=, the set operations
# of dict views, and slice.indices, against CPython. In-place means the
# same object: another name for it sees the change.
s = {1, 2, 3, 4}
alias = s
s.difference_update({1}, [2, 9])
print(s, alias is s)
s.intersection_update({3, 4, 5}, range(4))
print(s, alias)
s.symmetric_difference_update([3, 7, 7])
print(sorted(s), sorted(alias))
s.intersection_update()
s.difference_update()
print(sorted(s))
s = {1, 2}
t = s
s |= {3}
s &= {1, 3, 4}
s -= {4, 1}
s ^= {9, 3}
print(s, t, s is t)
f = frozenset({1})
g = f
f |= {2}
print(f, g, f is g)
for bad in [lambda: s.__ior__([1]), lambda: s.symmetric_difference_update(), lambda: s.difference_update(5)]:
    try:
        print(bad())
    except TypeError as e:
        print(type(e).__name__, e)
try:
    s |= [1]
except TypeError as e:
    print(e)
x = {1, 2}
x.difference_update(x)
y = {1, 2}
y.symmetric_difference_update(y)
z = {1, 2}
z &= z
print(x, y, z)


class S(set):
    pass


u = S({1})
v = u
u |= {2}
u -= {1}
print(type(u).__name__, u, v is u)
d = {'a': 1}
e = d
d |= {'b': 2}
d |= [('c', 3)]
print(d, e is d)


class D(dict):
    pass


dd = D(a=1)
ee = dd
dd |= {'z': 0}
print(dd, ee is dd, type(dd).__name__)
try:
    d |= 5
except TypeError as err:
    print(err)
k = {'a': 1, 'b': 2, 'c': 3}
print(sorted(k.keys() & {'a', 'z'}), sorted({'a', 'z'} & k.keys()), sorted(k.keys() | ['q']), sorted(k.keys() - {'a'}),
      sorted({'a', 'q'} - k.keys()), sorted(k.keys() ^ {'a', 'w'}), sorted(k.items() & {('a', 1), ('b', 9)}),
      sorted(k.items() - {('a', 1)}), type(k.keys() & set()).__name__)
print(k.keys().isdisjoint({'x'}), k.keys().isdisjoint(['a']), k.items().isdisjoint([('a', 1)]), k.keys().mapping,
      k.values().mapping['b'], list(reversed(k.keys())), list(reversed(k.values())), list(reversed(k.items())))
try:
    k.keys() & 5
except TypeError as err:
    print(err)
for sl, n in [(slice(None), 5), (slice(1, 10, 2), 5), (slice(-3, None), 10), (slice(None, None, -1), 4),
              (slice(10, -10, -3), 7), (slice(0, 0), 0)]:
    print(sl.indices(n))
for bad in [lambda: slice(1, 2, 0).indices(5), lambda: slice(1).indices(-1), lambda: slice(1).indices('x')]:
    try:
        print(bad())
    except (ValueError, TypeError) as err:
        print(type(err).__name__, err)
