# Shared dict writes: every thread stores its own disjoint keys into one global
# dict (and reads each back), so the threads contend on the dict's lock but
# never on a key. Nothing may be lost.
from common import parse_args, report, run_parts

TABLE = {}


threads, total = parse_args(1_000_000)
share = total // threads


def work(k):
    table = TABLE
    base = k * share
    for i in range(base, base + share):
        table[i] = i + 1
        if table[i] != i + 1:
            return False
    return True


seconds, results = run_parts(work, threads)
assert results == [True] * threads
assert len(TABLE) == share * threads
assert all(TABLE[i] == i + 1 for i in range(share * threads))
report("shared_dict", threads, seconds)
