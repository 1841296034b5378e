# zip(..., strict=True) (PEP 618) with CPython 3.11's messages, and pickling
# of enumerate, zip, map and filter (their __reduce__, zip's __setstate__),
# including map over an unbound method (method_descriptor.__reduce__).
import pickle, copy
print(list(zip([1, 2], 'ab', strict=True)))
for args in (([1, 2], [1]), ([1], [1, 2]), ([1, 2], [1, 2], [1]), ([1, 2], [1, 2], [1, 2, 3]), ([1], [1], [1, 2], [1])):
    try:
        print(list(zip(*args, strict=True)))
    except ValueError as e:
        print("ValueError", e)
print(list(zip([1], [1, 2], strict=False)), list(zip(strict=True)))
for kw in ({"foo": 1}, {"strict": 1, "x": 2}):
    try:
        zip([1], **kw)
    except TypeError as e:
        print("TypeError", e)
class Bad:
    def __bool__(self): raise RuntimeError("no truth")
try:
    zip([1], strict=Bad())
except RuntimeError as e:
    print("RuntimeError", e)
def gen():
    yield 1
    raise KeyError("boom")
try:
    list(zip([1, 2], gen(), strict=True))
except KeyError as e:
    print("KeyError", e)
try:
    list(zip([1], gen(), strict=True))
except Exception as e:
    print(type(e).__name__, e)
# pickling
for it in (enumerate("abc", 5), zip("ab", "cd"), zip("ab", "cd", strict=True), map(str.upper, "ab"), map(pow, [2, 3], [3, 2]), filter(None, [0, 1, 2])):
    next(it)
    r = it.__reduce__()
    print(type(it).__name__, r[0].__name__, len(r), list(pickle.loads(pickle.dumps(it))), list(copy.deepcopy(it)), list(it))
z = zip("ab", "c", strict=True)
z2 = pickle.loads(pickle.dumps(z))
try:
    list(z2)
except ValueError as e:
    print("ValueError", e)
z = zip("ab", "c")
z.__setstate__(True)
try:
    list(z)
except ValueError as e:
    print("ValueError", e)
class E(enumerate): pass
e = E("xy")
print(type(pickle.loads(pickle.dumps(e))).__name__)
