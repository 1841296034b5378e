# In-place set and dict operators on objects shared by four threads: each
# thread |= its own elements, -= and difference_update some of them, and
# ^= a private range in and out again, so the final contents are exact;
# one dict gets disjoint keys through |= from every thread; meanwhile
# intersection_update on snapshots keeps its invariants.
import sys
import threading

THREADS = 4
# Quadratic (each round copies the shared set): the TSan run passes fewer.
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 2000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
shared = set()
alias = shared
table = {}
start = threading.Barrier(THREADS)


def worker(k):
    global shared, table
    base = k * 1000000
    start.wait()
    for i in range(ROUNDS):
        v = base + i
        s = shared
        s |= {v, v + 500000}
        s -= {v + 500000}
        s ^= {-v - 1}
        s ^= {-v - 1}
        if i % 2:
            s.difference_update([v])
        s.symmetric_difference_update({-(base + 7) - 1})
        s.symmetric_difference_update({-(base + 7) - 1})
        t = table
        t |= {(k, i): i}
        # (a view set operation iterates the whole dict, which the other
        # threads are growing: RuntimeError, rightly; membership is safe)
        assert (k, i) in t.keys() and (k, -1) not in t.keys()
        snap = set(shared)
        snap.intersection_update(range(base, base + ROUNDS))
        assert all(x % 2 == 0 for x in snap if x - base < i - 1)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert shared is alias
want = {k * 1000000 + i for k in range(THREADS) for i in range(0, ROUNDS, 2)}
assert shared == want, (len(shared), len(want))
assert len(table) == THREADS * ROUNDS and all(table[(k, i)] == i for k in range(THREADS) for i in range(ROUNDS))
print("ok")
