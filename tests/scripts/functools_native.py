# The native _functools (reduce, cmp_to_key and its KeyWrapper), and
# __hash__ = None on the unhashable builtins (collections.abc.Hashable).
import functools, collections.abc, array, collections
print(functools.reduce.__module__, type(functools.cmp_to_key(None)).__name__)
print(functools.reduce(lambda a, b: a * b, range(1, 10)), functools.reduce(lambda a, b: a + b, [], 7))
for args in [(), (1,), (1, 2, 3, 4), (lambda a, b: a, []), (lambda a, b: a, 5)]:
    try: functools.reduce(*args)
    except TypeError as e: print(e)
K = functools.cmp_to_key(lambda x, y: (x > y) - (x < y))
print(sorted([3, 1, 2], key=K), K(3) > K(1), K(2) == K(2), K(obj=5).obj)
k = K(1); k.obj = 9; print(k.obj)
for f in (lambda: hash(K(1)), lambda: K(1) < 1, lambda: K(), lambda: K(1, 2), lambda: type(K)()):
    try: f()
    except Exception as e: print(type(e).__name__, e)
for v in ([], {}, set(), bytearray(), slice(1), collections.deque(), array.array('b'), K(1), frozenset(), (), 'x'):
    t = type(v)
    print(t.__name__, t.__hash__ is None, isinstance(v, collections.abc.Hashable))
print(isinstance([], collections.abc.Hashable), isinstance(K(1), collections.abc.Hashable), isinstance((), collections.abc.Hashable))
class L(list): pass
class H(list):
    def __hash__(self): return 5
try: hash(L())
except TypeError as e: print(e)
print(hash(H()), isinstance(H(), collections.abc.Hashable))
