# Call-heavy: each thread computes fib(20) recursively, its share of the total
# number of times. Every call goes through one shared function object.
from common import parse_args, report, run_threads

N = 20


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def work(count):
    total = 0
    for _ in range(count):
        total += fib(N)
    return total


threads, total = parse_args(200)
seconds, results = run_threads(work, threads, total)
a, b = 0, 1
for _ in range(N):
    a, b = b, a + b
assert results == [a * (total // threads)] * threads, (results, a)
report("fib", threads, seconds)
