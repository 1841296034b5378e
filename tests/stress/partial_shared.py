# One functools.partial shared by four threads: three call it (and read
# its attributes and repr) while the fourth alternates its whole state
# between two with __setstate__. Every call must see one state whole in
# each field it reads (func, args and keywords are each old or new, never
# freed), so each result is one of the four combinations, and a partial of
# the shared one flattens consistently.
import functools
import threading

THREADS = 4
ROUNDS = 20000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


def first(*args, **kw):
    return ("first",) + args + tuple(sorted(kw.items()))


def second(*args, **kw):
    return ("second",) + args + tuple(sorted(kw.items()))


STATES = [(first, (1,), {"k": 1}, None), (second, (2,), {"k": 2}, {"attr": 2})]
shared = functools.partial(first, 1, k=1)
allowed = {(fn.__name__,) + args + (0, ("k", kw["k"]))
           for fn, _, _, _ in STATES for _, args, _, _ in STATES for _, _, kw, _ in STATES}
start = threading.Barrier(THREADS)


def worker(k):
    start.wait()
    for i in range(ROUNDS):
        if k == 0:
            shared.__setstate__(STATES[i % 2])
        else:
            result = shared(0)
            assert result in allowed, result
            assert shared.func in (first, second) and shared.args in ((1,), (2,))
            if i % 100 == 0:
                assert repr(shared).startswith("functools.partial(<function ")
                flat = functools.partial(shared, 5)
                assert flat.func in (first, second, shared), flat


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
print("ok")
