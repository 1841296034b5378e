# All threads read one global list through one shared function.
import sys

from common import parse_args, report, run_threads

# Small ints are immortal; a third argument "big" makes every item a heap int
# whose reference count the readers share.
BIG = len(sys.argv) > 3 and sys.argv[3] == "big"
SIZE = 256
DATA = [i + (1000 if BIG else 0) for i in range(SIZE)]


def get(i):
    return DATA[i]


def work(n):
    total = 0
    for i in range(n):
        total += get(i % SIZE)
    return total


threads, total = parse_args(4_000_000)
seconds, results = run_threads(work, threads, total)
share = total // threads
expected = sum(DATA[i % SIZE] for i in range(share))
assert results == [expected] * threads
report("shared_read_big" if BIG else "shared_read", threads, seconds)
