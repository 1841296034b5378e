# __del__ that takes a threading.Lock, run by whichever thread drops the
# last reference. Once hung the free-threaded build: releases from shared
# containers were deferred through QSBR, and biased-refcount merges ran
# queued finalizers at any eval-breaker check, so one __del__ started
# inside another's `with lock:` block on the same thread. Now a container
# drops its reference at once (only the memory waits for QSBR: try_incref
# in ftpy/refcount.h), and merges wait while a finalizer runs
# (design/reclamation.md, "Finalizers and deferred releases").
import threading

THREADS = 4
N = 4000
lock = threading.Lock()
totals = {"count": 0, "sum": 0}
order = []


class Tracked:
    def __init__(self, v):
        self.v = v

    def __del__(self):
        with lock:
            totals["count"] += 1
            totals["sum"] += self.v
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
assert totals["count"] == 2 * N, totals
assert totals["sum"] == sum(range(2 * N)), totals
assert sorted(order) == list(range(2 * N))
assert not table and all(p is None for p in pool)
print("ok")
