# The classic GIL demonstration: count down from a fixed total, split over threads.
from common import parse_args, report, run_threads


def countdown(n):
    while n > 0:
        n -= 1
    return n


threads, total = parse_args(50_000_000)
seconds, results = run_threads(countdown, threads, total)
assert results == [0] * threads
report("countdown", threads, seconds)
