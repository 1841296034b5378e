# Objects made on one thread and dropped on others (their last reference
# goes with a list slot rebinding or a dict delete): each __del__ appends
# to shared lists, exactly once. (A __del__ that takes a lock:
# del_takes_lock.py.)
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
N = 4000
order = []
counted = []


class Tracked:
    def __init__(self, v):
        self.v = v

    def __del__(self):
        counted.append(1)
        order.append(self.v)


pool = [Tracked(i) for i in range(N)]
table = {i: Tracked(N + i) for i in range(N)}


def drop(k):
    for i in range(k, N, THREADS):
        pool[i] = None
        del table[i]


threads = [threading.Thread(target=drop, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(counted) == 2 * N, len(counted)
assert sorted(order) == list(range(2 * N))
assert not table and all(p is None for p in pool)
adv_harness.finish()
