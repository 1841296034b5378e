# Cyclic garbage: each thread makes pairs of instances that point at each
# other (one also holds a list back to its pair) and drops them at once.
# Only the cycle collector frees them, so this measures allocation plus
# automatic collection, which stops every thread (design/gc.md). Peak
# memory shows whether collection keeps up.
from common import parse_args, report, run_threads


class Node:
    def __init__(self, value):
        self.value = value
        self.peer = None


def work(n):
    total = 0
    for i in range(n):
        a = Node(i)
        b = Node(i + 1)
        a.peer = b
        b.peer = [a, i]
        total += a.value + b.peer[1]
    return total


threads, total = parse_args(1_000_000)
seconds, results = run_threads(work, threads, total)
share = total // threads
expected = sum(2 * i for i in range(share))
assert results == [expected] * threads, (results, expected)
report("gc_cycles", threads, seconds)
