# Pickling and copying every itertools iterator CPython 3.11 can pickle:
# __reduce__ and __setstate__ with CPython's formats and errors, from the
# start, part-consumed and exhausted; pairwise refuses as in CPython; tee
# objects are weakly referenceable; an exhausted islice drops its source.

import copy
import gc
import itertools as it
import operator
import pickle
import weakref
def roundtrip(x, take=2, n=12):
    """x pickled and deep-copied after `take` items: both copies' next `n`
    items agree; also how many a shallow copy yields."""
    for _ in range(take):
        try:
            next(x)
        except StopIteration:
            break
    a = list(it.islice(pickle.loads(pickle.dumps(x)), n))
    b = list(it.islice(copy.deepcopy(x), n))
    c = list(it.islice(copy.copy(x), n))
    return a, b == a, len(c)
print(roundtrip(it.count(3)), roundtrip(it.count(1.5, 0.5)), roundtrip(it.count(2**70, -1)))
print(it.count(3).__reduce__()[1], it.count(3, 2).__reduce__()[1])
print(roundtrip(it.repeat('x', 5)), roundtrip(it.repeat('y')), it.repeat(1, 3).__reduce__()[1], it.repeat(1).__reduce__()[1])
print(roundtrip(it.chain('abc', 'def')), roundtrip(it.chain.from_iterable(['ab', 'cd']), 5))
c = it.chain('a'); list(c); print(c.__reduce__())
for bad in ((), [], 0, ([],), (iter([]), [])):
    try:
        it.chain().__setstate__(bad)
    except TypeError as e:
        print("TypeError", e)
x = it.chain()
x.__setstate__((iter(['abc', 'def']),)); print(list(x))
x = it.chain()
x.__setstate__((iter(['abc', 'def']), iter(['ghi']))); print(list(x))
print(roundtrip(it.starmap(operator.pow, [(2, 3), (3, 2), (4, 1)]), 1))
print(roundtrip(it.islice(range(100), 3, 30, 4)), roundtrip(it.islice('abcdef', 2)), roundtrip(it.islice('ab', 5), 3))
i = it.islice('abcdef', 1, None, 2); next(i); r = i.__reduce__(); print(r[0].__name__, r[1][1:], r[2])

def lt3(x): return x < 3
def lt5(x): return x < 5
def lt2(x): return x < 2
def second(a, b): return b
print(roundtrip(it.compress('ABCDEF', [1, 0, 1, 0, 1, 1])))
print(roundtrip(it.dropwhile(lt3, range(8)), 0), roundtrip(it.dropwhile(lt3, range(8)), 1))
print(roundtrip(it.takewhile(lt5, range(8))), roundtrip(it.takewhile(lt2, range(8)), 3))
print(roundtrip(it.filterfalse(None, [0, 1, 0, 2, 3, 0])))
print(roundtrip(it.accumulate([1, 2, 3, 4])), roundtrip(it.accumulate([1, 2, 3], initial=10), 0), roundtrip(it.accumulate([1, 2, 3], initial=10), 1))
print(roundtrip(it.accumulate([None, 1, 2], second), 1), roundtrip(it.accumulate([1, 2, 3], operator.mul), 1))
print(roundtrip(it.cycle('abc'), 1), roundtrip(it.cycle('abc'), 5), roundtrip(it.cycle(''), 1))
c = it.cycle('defg'); c.__setstate__((list('abc'), 0)); print(''.join(it.islice(c, 20)))
c = it.cycle('defg'); c.__setstate__((list('abcdefg'), 1)); print(''.join(it.islice(c, 20)))
for bad in ([list('abcdefg'), 0], (tuple('defg'), 0), (list('abcdefg'), 'x'), (), ([],)):
    try: it.cycle('defg').__setstate__(bad)
    except TypeError as e: print("TypeError", e)
print(roundtrip(it.zip_longest('abc', 'de', fillvalue='-'), 2), roundtrip(it.zip_longest('a', 'bcd'), 2))
g = it.groupby('aabbbc')
print([(k, list(v)) for k, v in pickle.loads(pickle.dumps(g))])
g = it.groupby('aabbbc'); k, grp = next(g); next(grp)
g2 = pickle.loads(pickle.dumps(g)); print([(k, list(v)) for k, v in g2])
g = it.groupby('aabbbc'); k, grp = next(g)
print(list(pickle.loads(pickle.dumps(grp))), list(copy.deepcopy(grp)))
g = it.groupby('aabbbc'); k, grp = next(g); k2, grp2 = next(g)
print(pickle.loads(pickle.dumps(grp)).__class__.__name__, list(pickle.loads(pickle.dumps(grp))))
try: it.pairwise('ab').__reduce__()
except TypeError as e: print("TypeError", e)
try: pickle.dumps(it.pairwise('ab'))
except TypeError as e: print("TypeError", e)
print(it.dropwhile(bool, []).__reduce__()[2], it.takewhile(bool, []).__reduce__()[2], len(it.filterfalse(bool, []).__reduce__()))

for make in (lambda: it.product('ab', 'cd'), lambda: it.product('ab', repeat=2), lambda: it.product('ab', ''),
             lambda: it.permutations('abc'), lambda: it.permutations('abcd', 2), lambda: it.permutations('ab', 3),
             lambda: it.combinations('abcd', 2), lambda: it.combinations('ab', 3),
             lambda: it.combinations_with_replacement('abc', 2), lambda: it.combinations_with_replacement('', 2)):
    print(roundtrip(make(), 0), roundtrip(make(), 1), roundtrip(make(), 3), roundtrip(make(), 100))
p = it.product((1, 2), (3,)); p.__setstate__((0, 0x1000)); print(list(p))
p = it.permutations((1, 2), 2); p.__setstate__(((0, 0x1000), (0, 0x1000))); print(list(p))
p = it.combinations('abcd', 2); p.__setstate__((5, -3)); print(list(p))
p = it.combinations_with_replacement('abc', 2); p.__setstate__((1, 9)); print(list(p))
for bad in ((0,), [0, 0], (0, 'x')):
    try: it.product('ab', 'cd').__setstate__(bad)
    except Exception as e: print(type(e).__name__, e)
for bad in ((), ((0, 1),), ([0, 1], (1,)), ((0,), (1, 1)), 5):
    try: it.permutations('ab').__setstate__(bad)
    except Exception as e: print(type(e).__name__, e)
print(it.permutations('ab').__reduce__()[1], it.combinations('abc', 2).__reduce__()[1])
x = it.product('ab'); list(x); print(x.__reduce__())

a, b = it.tee('abcdef')
next(a); next(a); next(b)
print(list(pickle.loads(pickle.dumps(a))), list(pickle.loads(pickle.dumps(b))), list(copy.deepcopy(a)), list(a), list(b))
a, b = it.tee(range(200))
for _ in range(100): next(a)
print(sum(pickle.loads(pickle.dumps(a))), sum(pickle.loads(pickle.dumps(b))))
p = weakref.proxy(a); print(p.__class__.__name__); del a; gc.collect()
try: p.__class__
except ReferenceError as e: print("ReferenceError", e)
t = it.tee('ab')[0]
for bad in ([1, 2], (1,), (5, 0), (t.__reduce__()[2][0], 99), (t.__reduce__()[2][0], 'x')):
    try: t.__setstate__(bad)
    except Exception as e: print(type(e).__name__, e)
D = type(t.__reduce__()[2][0])
print(D.__name__)
for args in ((iter([]), [1] * 58, None), (iter([]), [1], D(iter([]), [], None)), (iter([]), (1,), None)):
    try: D(*args)
    except Exception as e: print(type(e).__name__, e)
g = (x for x in (1, 2)); w = weakref.ref(g); s = it.islice(g, 1); del g; list(s); gc.collect(); print(w())
s = it.islice('abc', 5); list(s); print(s.__reduce__()[1][1:], s.__reduce__()[2])
