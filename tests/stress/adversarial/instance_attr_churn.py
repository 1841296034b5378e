# Many threads add, rewrite and delete attributes of one shared instance
# (and copy its __dict__): each thread's own attributes end with
# its last value; nobody sees a value nobody stored.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 6
ITERS = 4000


class Bag:
    pass


bag = Bag()


def worker(k):
    for i in range(ITERS):
        setattr(bag, f"a{k}_{i % 20}", i)
        if i % 3 == 0:
            try:
                delattr(bag, f"a{k}_{(i + 7) % 20}")
            except AttributeError:
                pass
        snapshot = dict(bag.__dict__)
        for name, v in snapshot.items():
            assert isinstance(v, int) and -THREADS < v < ITERS, (name, v)
    for j in range(20):
        setattr(bag, f"a{k}_{j}", -k)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert bag.__dict__ == {f"a{k}_{j}": -k for k in range(THREADS) for j in range(20)}
adv_harness.finish()
