# OPEN FINDING (issue 21; not run by CTest): hangs on ftpy's free-threaded
# build, passes on CPython. A __del__ that takes a threading.Lock deadlocks
# when it runs inside another __del__'s `with lock:` block: the list slot
# and dict entry releases below are deferred through QSBR (other threads may
# be reading the containers lock-free), and the deferred decrefs run at the
# thread's next quiescent point, which can be inside the locked block.
# CPython 3.13t decrefs at once (its readers use try-incref on memory that
# mimalloc keeps valid); ftpy needs the same, or finalizers moved out of
# QSBR's free loop. See design/reclamation.md, "Finalizers and deferred
# releases".
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
