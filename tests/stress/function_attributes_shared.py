# A fresh function per round, read and written by every thread at once: its
# __dict__ and __annotations__ are created on first use by whichever thread
# gets there first, so all threads must see one dict (the same identity),
# and no thread's attribute or annotation may be lost. __kwdefaults__ and
# __defaults__ are read concurrently too.
import threading

THREADS = 6
ROUNDS = 400

barrier = threading.Barrier(THREADS, timeout=120)
failures = []
current = [None]
seen = [[None] * THREADS for _ in range(ROUNDS)]
lock = threading.Lock()


def make(r):
    def fn(a, b=r, *, c=r * 2):
        return a

    return fn


def worker(k):
    try:
        rounds(k)
    except BaseException as e:  # a failed check must not leave the others waiting
        failures.append(repr(e))
        barrier.abort()


def rounds(k):
    for r in range(ROUNDS):
        if k == 0:
            current[0] = make(r)
        barrier.wait()
        fn = current[0]
        ann = fn.__annotations__
        attrs = fn.__dict__
        ann[f"t{k}"] = k
        setattr(fn, f"attr{k}", r)
        assert fn.__defaults__ == (r,) and fn.__kwdefaults__ == {"c": r * 2}
        seen[r][k] = (id(ann), id(attrs))
        barrier.wait()
        if k == 0:
            assert len(set(seen[r])) == 1, seen[r]
            assert fn.__annotations__ == {f"t{j}": j for j in range(THREADS)}, fn.__annotations__
            assert all(getattr(fn, f"attr{j}") == r for j in range(THREADS))
            assert sorted(fn.__dict__) == sorted(f"attr{j}" for j in range(THREADS))
        barrier.wait()


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures[:3]
assert all(len(set(s)) == 1 for s in seen)
print("function_attributes_shared ok")
