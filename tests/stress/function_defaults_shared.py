# A function's __defaults__ and __kwdefaults__ replaced by one thread while
# others call it: calls read them without a lock, so each call must bind one
# whole tuple (both defaults from the same assignment, never a freed one),
# and after the writer stops every call sees its last values.
import threading

THREADS = 3
CALLS = 20000
FLIPS = 3000

failures = []
threading.excepthook = lambda args: failures.append(repr(args.exc_value))


def f(a=-2, b=-2, *, c=0):
    return a, b, c


start = threading.Barrier(THREADS + 1)
seen = [set() for _ in range(THREADS)]


def writer():
    start.wait()
    for i in range(FLIPS):
        f.__defaults__ = (i, i)
        f.__kwdefaults__ = {"c": i}
    f.__defaults__ = (-1, -1)
    f.__kwdefaults__ = {"c": -1}


def caller(k):
    start.wait()
    for _ in range(CALLS):
        a, b, c = f()
        assert a == b, (a, b)  # one tuple, never two halves
        assert isinstance(c, int)
        seen[k].add(a)


threads = [threading.Thread(target=writer)] + [threading.Thread(target=caller, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert f() == (-1, -1, -1)
assert all(s <= set(range(-2, FLIPS)) for s in seen), "a default nobody stored"
print("ok")
