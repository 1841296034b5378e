# Several threads recurse past the recursion limit at once, catch the
# RecursionError near the bottom and go on: each thread reaches the same
# depth and no thread's limit check disturbs another's.
import sys
import threading
sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 6
limit = sys.getrecursionlimit()
depths = {}


def dive(n):
    try:
        return dive(n + 1)
    except RecursionError:
        return n


def nested_repr(k):
    x = []
    for _ in range(limit * 2):
        x = [x]
    try:
        repr(x)
        return "no error"
    except RecursionError:
        return "RecursionError"


def worker(k):
    results = []
    for _ in range(20):  # a plain loop: a comprehension would add a frame
        results.append(dive(0))
    assert len(set(results)) == 1, results
    depths[k] = results[0]
    assert nested_repr(k) == "RecursionError"
    assert dive(0) == results[0]  # the depth count recovered after the errors


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(depths) == THREADS
assert len(set(depths.values())) == 1, depths
assert limit - 50 < next(iter(depths.values())) < limit
adv_harness.finish()
