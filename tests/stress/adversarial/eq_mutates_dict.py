# Keys whose __eq__ inserts into and deletes from the dict being searched,
# while other threads insert and delete too. CPython restarts a lookup when
# the table changes under it; ftpy must not crash, hang or lose other keys.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 3000


class Key:
    def __init__(self, v, target):
        self.v = v
        self.target = target

    def __hash__(self):
        return self.v % 8  # many collisions: __eq__ runs on most lookups

    def __eq__(self, other):
        if isinstance(other, Key):
            self.target[("side", self.v)] = self.v  # mutate the dict being searched
            self.target.pop(("side", self.v - 1), None)
            return self.v == other.v
        return NotImplemented


d = {}
stable = {f"stable{i}": i for i in range(100)}
d.update(stable)


def worker(k):
    for i in range(ITERS):
        key = Key(k * ITERS + i, d)
        d[key] = i
        assert d.get(Key(k * ITERS + i, d)) == i
        del d[key]


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for name, value in stable.items():
    assert d[name] == value
assert not any(isinstance(k, Key) for k in d)
assert len(d) == len(list(d)) == len(d.items())
adv_harness.finish()
