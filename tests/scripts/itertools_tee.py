# itertools.tee against CPython: independent iterators over one source,
# chunk boundaries (57 items), copies, tee of a tee, n of 0 and 1, a source
# with __copy__, and the errors.
from itertools import tee, count, islice
import copy

a, b = tee(range(200))
print(list(islice(a, 60)), next(b), list(islice(b, 130))[-3:], list(a)[-2:], list(b)[-2:])
x, y, z = tee('abc', 3)
print(list(x), list(z), list(y), tee([], 0), len(tee('ab', 1)), type(x).__name__)
c, d = tee(count())
print([next(c) for _ in range(120)][-2:], next(d), next(d))
e = copy.copy(c)
print(next(e), next(c), next(e))
f, g = tee(c)
print(type(f) is type(c), next(f), next(g), next(c))


class Copyable:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n

    def __copy__(self):
        return Copyable(self.n)


p, q = tee(Copyable(0))
print(type(p).__name__, list(p), list(q))
h, k = tee(iter([1, 2, 3]))
print(next(h), list(k), list(h), list(type(h)('xy')))
for bad in [lambda: tee(5), lambda: tee([], -1), lambda: tee([], 'x'), lambda: type(h)(), lambda: tee()]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
big1, big2 = tee(range(100000))
print(sum(big1), sum(big2))
for bad in [lambda: tee(1, 2, 3), lambda: tee(x=1)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
