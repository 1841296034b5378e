# dict == dict where the values' __eq__ rewrites both dicts, and other
# threads rewrite them too: a bool or an error, never a crash.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 1500
a = {i: i for i in range(50)}
b = {i: i for i in range(50)}


class Meddler:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        a.pop(self.v % 50, None)
        b[self.v % 50] = Meddler(self.v + 1)
        a[self.v % 50] = self.v
        return True

    __hash__ = None


def worker(k):
    results = set()
    for i in range(ITERS):
        a[i % 50] = Meddler(i)
        b[i % 50] = Meddler(i)
        try:
            results.add(a == b)
        except RuntimeError:
            results.add("changed")
    assert results <= {True, False, "changed"}, results


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert set(a) <= set(range(50)) and set(b) <= set(range(50))
assert len(a) == len(list(a.items())) and len(b) == len(list(b.values()))
adv_harness.finish()
