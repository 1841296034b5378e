# Exceptions raised, chained, caught, kept and re-raised in many threads at
# once, plus uncaught ones reported through threading.excepthook: each
# thread sees exactly its own exceptions with their causes and contexts.
import threading

THREADS = 8
ITERS = 2000
kept = [[] for _ in range(THREADS)]
hooked = []
hook_lock = threading.Lock()


class AppError(Exception):
    pass


def fail(k, i):
    try:
        {}[(k, i)]
    except KeyError as e:
        raise AppError(k, i) from e


def worker(k):
    for i in range(ITERS):
        try:
            try:
                fail(k, i)
            except AppError as e:
                assert e.args == (k, i) and isinstance(e.__cause__, KeyError)
                assert e.__cause__.args == ((k, i),)
                if i % 2:
                    raise RuntimeError("wrapped") from None
                raise RuntimeError("wrapped")
        except RuntimeError as r:
            assert isinstance(r.__context__, AppError) and r.__context__.args == (k, i)
            assert r.__suppress_context__ == bool(i % 2)
            if i % 100 == 0:
                kept[k].append(r)
    if k % 2:
        raise AppError("uncaught", k)


def hook(args):
    with hook_lock:
        hooked.append((args.exc_type, args.exc_value.args))


threading.excepthook = hook
threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for k in range(THREADS):
    assert [r.__context__.args for r in kept[k]] == [(k, i) for i in range(0, ITERS, 100)]
assert sorted(hooked, key=lambda h: h[1][1]) == [(AppError, ("uncaught", k)) for k in range(1, THREADS, 2)]
print("ok")
