# Classes derived from the builtin and itertools iterators (CPython marks
# them Py_TPFLAGS_BASETYPE): instances of the derived class, keywords
# refused unless the class has its own __init__ (which gets them), super()
# calls into the builtin, attributes, weak references, and collection.
import operator, gc, weakref
from itertools import *
def isEven(x): return x % 2 == 0
testcases = [
    (repeat, (1, 2), [1, 1]),
    (zip, ([1, 2], 'ab'), [(1, 'a'), (2, 'b')]),
    (filter, (None, [0, 1]), [1]),
    (filterfalse, (None, [0, 1]), [0]),
    (chain, ([1, 2], [3, 4]), [1, 2, 3]),
    (map, (str, [1, 2]), ['1', '2']),
    (starmap, (operator.pow, ((2, 3), (3, 2))), [8, 9]),
    (islice, ([1, 2, 3, 4], 1, 3), [2, 3]),
    (takewhile, (isEven, [2, 3, 4]), [2]),
    (dropwhile, (isEven, [2, 3, 4]), [3, 4]),
    (cycle, ([1, 2],), [1, 2, 1]),
    (compress, ('ABC', [1, 0, 1]), ['A', 'C']),
    (count, (5, 2), [5, 7, 9]),
    (accumulate, ([1, 2, 3],), [1, 3, 6]),
    (product, ('ab', 'c'), [('a', 'c'), ('b', 'c')]),
    (permutations, ('ab',), [('a', 'b'), ('b', 'a')]),
    (combinations, ('abc', 2), [('a', 'b'), ('a', 'c'), ('b', 'c')]),
    (combinations_with_replacement, ('ab', 2), [('a', 'a'), ('a', 'b'), ('b', 'b')]),
    (zip_longest, ('ab', 'c'), [('a', 'c'), ('b', None)]),
    (pairwise, ('abc',), [('a', 'b'), ('b', 'c')]),
    (enumerate, ('ab',), [(0, 'a'), (1, 'b')]),
]
for cls, args, result in testcases:
    class subclass(cls):
        pass
    u = subclass(*args)
    print(cls.__name__, type(u) is subclass, list(islice(u, 0, 3)) == result, isinstance(u, cls), end=" ")
    try:
        subclass(*args, newarg=3)
        print("no error", end=" ")
    except TypeError as e:
        print("TypeError", end=" ")
    u.attr = 5
    r = weakref.ref(u)
    del u
    gc.collect()
    print(r() is None)
for cls, args, result in testcases:
    if cls in [repeat, zip, compress, count, accumulate, product, permutations, combinations, combinations_with_replacement, zip_longest, enumerate]:
        continue
    class subclass_with_init(cls):
        def __init__(self, *args, newarg=None):
            self.newarg = newarg
    u = subclass_with_init(*args, newarg=3)
    print(cls.__name__, type(u) is subclass_with_init, list(islice(u, 0, 3)) == result, u.newarg)
for cls, args, result in testcases:
    class subclass_with_new(cls):
        def __new__(cls, *args, newarg=None):
            self = super().__new__(cls, *args)
            self.newarg = newarg
            return self
    u = subclass_with_new(*args, newarg=3)
    print(cls.__name__, type(u) is subclass_with_new, list(islice(u, 0, 3)) == result, u.newarg)

class Cyc(cycle):
    def __next__(self):
        return super().__next__() * 10
c = Cyc([1, 2])
print(next(c), next(c), next(c))
class M(map):
    pass
m = M(lambda x: x, [1])
m.self = m   # a cycle through the derived instance
del m
print(gc.collect() >= 1)
