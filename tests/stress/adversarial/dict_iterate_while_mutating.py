# Iterating a dict (keys, values, items, copies, comprehensions) while other
# threads insert and delete: RuntimeError or a consistent snapshot, never a
# crash; the keys nobody deletes are always seen by a full copy.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 3
ITERS = 3000
d = {("stable", i): i for i in range(200)}
stop = False


def mutator(k):
    i = 0
    while not stop:
        d[(k, i % 100)] = i
        d.pop((k, (i + 50) % 100), None)
        i += 1


def iterator():
    errors = 0
    for _ in range(ITERS):
        try:
            for key in d:
                pass
            vals = sum(v for v in d.values() if isinstance(v, int))
            assert vals >= 0
        except RuntimeError as e:
            assert "changed" in str(e) and "during iteration" in str(e), e
            errors += 1
        snapshot = dict(d)
        assert all(snapshot[("stable", i)] == i for i in range(200))
        assert len(snapshot) == len(list(snapshot.items()))
    return errors


mutators = [threading.Thread(target=mutator, args=(k,)) for k in range(THREADS)]
for t in mutators:
    t.start()
iterator()
stop = True
for t in mutators:
    t.join()
assert all(d[("stable", i)] == i for i in range(200))
adv_harness.finish()
