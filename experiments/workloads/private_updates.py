# Each thread updates attributes of its own objects with heap values: once
# threads exist, every replaced value is released through QSBR.
from common import parse_args, report, run_threads


class Counter:
    def __init__(self):
        self.value = 1000
        self.history = None


def work(n):
    c = Counter()
    for i in range(n):
        c.value = c.value + 1
        c.history = c.value
    return c.value - 1000


threads, total = parse_args(2_000_000)
seconds, results = run_threads(work, threads, total)
assert results == [total // threads] * threads
report("private_updates", threads, seconds)
