# itertools' first five (count, repeat, chain, starmap, islice) against
# CPython 3.11: values, reprs, laziness and argument errors.
from itertools import chain, count, islice, repeat, starmap
import itertools

c = count()
print(next(c), next(c), c, count(5), count(2, 3), count(1.5, 0.5), count(step=-1), count(10, 1.0))
print(list(islice(count(7, 2), 4)), list(islice(count(0.5, 0.25), 3)), list(islice(count(2 ** 64), 2)))
for bad in (lambda: count('a'), lambda: count(1, 'x'), lambda: count(1, 2, 3)):
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)

r = repeat('x', 3)
print(r, list(r), r, list(repeat(1, -2)), list(islice(repeat(None), 3)), repeat(5), repeat(times=2, object='o'))
print(repeat(7, 4).__length_hint__(), list(map(pow, range(4), repeat(2))))
try:
    repeat(1).__length_hint__()
except TypeError as e:
    print(e)

print(list(chain()), list(chain('ab', [1, 2], (), range(2))), list(chain.from_iterable(['xy', 'z'])))
ch = chain([1], [2, 3])
print(next(ch), list(ch), list(ch))
try:
    list(chain([1], 5))
except TypeError as e:
    print(e)


def gen():
    yield 'g1'
    raise ValueError('inside')


ch = chain(gen(), [9])
print(next(ch))
try:
    next(ch)
except ValueError as e:
    print('ValueError', e)

print(list(starmap(pow, [(2, 3), (3, 2)])), list(starmap(lambda *a: a, ['ab', [1]])), list(starmap(max, [])))
try:
    list(starmap(pow, [1]))
except TypeError as e:
    print(type(e).__name__)

data = list(range(10))
for args in ((5,), (2, 8), (2, 8, 3), (None,), (3, None), (0, None, 4), (12,), (5, 2), (None, None, None)):
    print(args, list(islice(data, *args)))
it = iter(range(10))
print(list(islice(it, 3)), next(it), list(islice(it, 1, 3)), next(it))
for bad in ((-1,), (1, -1), (0, 5, 0), (0, 5, -1), ('a',), (1.5,)):
    try:
        islice(data, *bad)
    except ValueError as e:
        print(bad, e)
for bad in ((), (1, 2, 3, 4)):
    try:
        islice(data, *bad)
    except TypeError as e:
        print(type(e).__name__)
try:
    islice(data, stop=3)
except TypeError as e:
    print(e)
print(itertools.count.__name__, itertools.count.__module__, type(chain()).__name__, iter(r) is r)
for bad in ((-5,), ('a', 3), (-2, 3), (0, -7), (2 ** 70,), (0, 5, 'x'), (0, 5, 2 ** 70)):
    try:
        islice(data, *bad)
    except ValueError as e:
        print(bad, e)
