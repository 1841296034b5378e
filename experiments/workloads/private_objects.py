# Each thread builds and sums its own lists, dicts and instances.
from common import parse_args, report, run_threads


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def work(n):
    total = 0
    for i in range(n):
        xs = [i, i + 1, i + 2]
        d = {"a": i, "b": xs[1]}
        p = Point(d["a"], d["b"])
        total += p.x + p.y + len(xs)
    return total


threads, total = parse_args(2_000_000)
seconds, results = run_threads(work, threads, total)
share = total // threads
expected = sum(2 * i + 1 + 3 for i in range(share))
assert results == [expected] * threads, (results, expected)
report("private_objects", threads, seconds)
