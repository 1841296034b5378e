# Several threads recurse past the recursion limit at once, catch the
# RecursionError near the bottom and go on: each thread reaches the same
# depth and no thread's limit check disturbs another's. Then the same on
# threads with a small stack (threading.stack_size), with recursion through
# native code too (type calling __init__, list == calling __eq__) and a
# long chain freed on each of them.
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


def worker(k, small_stack=False):
    results = []
    for _ in range(20):  # a plain loop: a comprehension would add a frame
        results.append(dive(0))
    assert len(set(results)) == 1, results
    depths[k] = results[0]
    assert nested_repr(k) == "RecursionError"
    if small_stack:
        native_recursion_and_chain()
    assert dive(0) == results[0]  # the depth count recovered after the errors


class Deep:
    def __init__(self, n):
        self.child = Deep(n + 1)


class Loop:
    def __eq__(self, other):
        return [self] == [other]  # list == calls __eq__ again


class Node:
    def __init__(self, nxt):
        self.nxt = nxt


def native_dive():
    try:
        Deep(0)
        return "no error"
    except RecursionError:
        return "RecursionError"


def eq_dive():
    try:
        return Loop() == Loop()
    except RecursionError:
        return "RecursionError"


def native_recursion_and_chain():
    for _ in range(5):
        assert native_dive() == "RecursionError"
        assert eq_dive() == "RecursionError"
    head = None
    for i in range(100_000):
        head = Node(head)
    head = None  # freed here, on the small stack


def run(small_stack):
    depths.clear()
    threads = [threading.Thread(target=worker, args=(k, small_stack)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(depths) == THREADS
    assert len(set(depths.values())) == 1, depths
    assert limit - 50 < next(iter(depths.values())) < limit
    return next(iter(depths.values()))


default_depth = run(small_stack=False)
# 1 MiB: CPython 3.11 segfaults in native recursion to its limit on 256 KiB.
SMALL = 1024 * 1024
assert threading.stack_size(SMALL) == 0
assert run(small_stack=True) == default_depth
assert threading.stack_size(0) == SMALL
adv_harness.finish()
