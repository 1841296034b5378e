# The second and third parts of itertools shared by four threads: every
# item of a shared compress, dropwhile, takewhile, filterfalse, accumulate,
# pairwise, zip_longest, product, permutations, combinations and
# combinations_with_replacement is handed out exactly once, a shared cycle
# hands out exactly the items asked for, and a shared groupby gives each
# group once with its items intact.
import threading
from collections import Counter
from itertools import (accumulate, combinations, combinations_with_replacement, compress, cycle, dropwhile,
                       filterfalse, groupby, pairwise, permutations, product, takewhile, zip_longest)

THREADS = 4
ROUNDS = 6
N = 3000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


def shared(make):
    it = make()
    barrier = threading.Barrier(THREADS)
    results = [[] for _ in range(THREADS)]

    def worker(k):
        barrier.wait()
        for x in it:
            results[k].append(x)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    return [x for r in results for x in r]


def check(make):
    got = shared(make)
    want = list(make())
    assert Counter(got) == Counter(want), (make, len(got), len(want))


for _ in range(ROUNDS):
    check(lambda: compress(range(N), [i % 3 for i in range(N)]))
    check(lambda: dropwhile(lambda x: x < N // 2, range(N)))
    check(lambda: takewhile(lambda x: x < N // 2, range(N)))
    check(lambda: filterfalse(lambda x: x % 5, range(N)))
    check(lambda: accumulate(range(N)))
    check(lambda: pairwise(range(N)))
    check(lambda: zip_longest(range(N), range(N // 2), fillvalue=-1))
    check(lambda: product(range(40), range(40)))
    check(lambda: permutations(range(7), 4))
    check(lambda: combinations(range(30), 3))
    check(lambda: combinations_with_replacement(range(20), 3))

    # cycle: every thread takes the same number of items; together they
    # took whole turns of the pool.
    c = cycle(range(10))
    taken = [[] for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)

    def take(k):
        barrier.wait()
        for _ in range(N):
            taken[k].append(next(c))

    threads = [threading.Thread(target=take, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Counter(x for t in taken for x in t) == Counter({i: THREADS * N // 10 for i in range(10)})

    # groupby: groups of 1..5 equal keys; each key once, each group whole
    # when its taker drains it at once (another thread's next() may end it).
    keys = [i // 3 for i in range(N)]
    g = groupby(keys)
    got = [[] for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS)

    def groups(k):
        barrier.wait()
        for key, grp in g:
            got[k].append((key, len(list(grp))))

    threads = [threading.Thread(target=groups, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seen = sorted(x for t in got for x in t)
    assert [key for key, _ in seen] == sorted(set(keys)), len(seen)
    assert all(0 <= n <= 3 for _, n in seen)
assert not failures, failures
print("ok")
