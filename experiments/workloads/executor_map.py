# CPU-bound tasks through CPython's own concurrent.futures.ThreadPoolExecutor
# (its work queue, futures and locks, unmodified): `total` tasks, each
# counting the primes below 5,000 by trial division, mapped over a pool of
# `threads` workers. The library way to use threads, and the one a GIL
# serializes.
from concurrent.futures import ThreadPoolExecutor
import time

from common import parse_args, report

LIMIT = 5000
PRIMES_BELOW_LIMIT = 669


def count_primes(_task):
    count = 0
    for n in range(2, LIMIT):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


threads, total = parse_args(400)
start = time.perf_counter()
with ThreadPoolExecutor(max_workers=threads) as pool:
    results = list(pool.map(count_primes, range(total)))
seconds = time.perf_counter() - start
assert results == [PRIMES_BELOW_LIMIT] * total, results[:5]
report("executor_map", threads, seconds)
