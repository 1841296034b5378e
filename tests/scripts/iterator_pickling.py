# The builtin iterators pickle and copy as in CPython: __reduce__ rebuilds
# one at its position (iter(seq) + __setstate__, or the items left for
# dicts and sets), exhausted ones as iterators over an empty sequence; the
# iterator type names are CPython's (tuple_iterator, str_ascii_iterator...).
import pickle, copy
def show(it, consume=1):
    for _ in range(consume):
        next(it, None)
    r = it.__reduce__()
    for proto in (0, 2, 5):
        it2 = pickle.loads(pickle.dumps(it, proto))
        print(type(it).__name__, type(it2).__name__, list(it2), end=' | ')
    print(list(copy.copy(it)), list(it))
for src in ([1, 2, 3], (1, 2, 3), 'abc', 'aé𝄞z', b'abc', bytearray(b'abc'), range(2, 20, 3), {1: 'a', 2: 'b', 3: 'c'}, {1, 2, 3}):
    for n in (0, 1, 5):
        show(iter(src), n)
for src in ([1, 2, 3], (1, 2, 3), 'abc'):
    for n in (0, 1, 3, 5):
        show(reversed(src), n)
for src in ([1, 2, 3], (1, 2, 3), 'abc', b'ab'):
    show(iter(src), len(src))
d = {1: 'a', 2: 'b'}
show(iter(d.values())); show(iter(d.items()))
it = iter([1, 2, 3]); it.__setstate__(2); print(list(it))
it = iter([1, 2, 3]); it.__setstate__(-5); print(list(it))
it = iter('aé𝄞z'); it.__setstate__(2); print(list(it))
it = reversed([1, 2, 3]); it.__setstate__(10); print(list(it))
it = iter(range(5)); it.__setstate__(3); print(list(it))
print(iter([1]).__reduce__(), iter(()).__reduce__(), reversed([1, 2]).__reduce__())
e = iter([1]); next(e); next(e, None); print(e.__reduce__())
it = iter(d); d[3] = 'c'
try: it.__reduce__()
except RuntimeError as ex: print(ex)
for s in ('abc', 'aé𝄞z', ''):
    print([c for c in s], type(iter(s)).__name__)
