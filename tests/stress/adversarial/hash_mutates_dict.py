# __hash__ that writes into the dict it is about to be looked up in, from
# several threads at once: every insert lands, the dict stays consistent.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 2000
d = {}


class Sneaky:
    def __init__(self, k, i):
        self.k, self.i = k, i

    def __hash__(self):
        d[("hashed", self.k, self.i)] = True
        return hash((self.k, self.i))

    def __eq__(self, other):
        return isinstance(other, Sneaky) and (self.k, self.i) == (other.k, other.i)


def worker(k):
    for i in range(ITERS):
        d[Sneaky(k, i)] = i


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sneaky = [key for key in d if isinstance(key, Sneaky)]
assert len(sneaky) == THREADS * ITERS, len(sneaky)
hashed = [key for key in d if isinstance(key, tuple)]
assert len(hashed) == THREADS * ITERS, len(hashed)
assert len(d) == 2 * THREADS * ITERS
adv_harness.finish()
