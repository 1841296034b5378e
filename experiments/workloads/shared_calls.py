# Call-heavy: every thread calls the same recursive function.
from common import parse_args, report, run_threads


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def work(n):
    total = 0
    for _ in range(n):
        total += fib(15)
    return total


threads, total = parse_args(8000)
seconds, results = run_threads(work, threads, total)
assert results == [610 * (total // threads)] * threads
report("shared_calls", threads, seconds)
