# Pickling iterators while other threads advance them: __reduce__ reads an
# iterator's state under its critical section, so a copy taken at any
# moment is a consistent snapshot. Exact final states: the consumers
# together get every item exactly once; a copy of a self-contained iterator
# (product, combinations, permutations, repeat: their state is wholly
# inside) yields exactly a suffix of the sequence. A composite one (chain,
# islice, map, accumulate, enumerate, zip over shared sources) is pickled
# part by part while the consumers move its sources, so its copy is not a
# snapshot of one moment (as on CPython 3.13t, and on 3.11 whenever pickle
# runs Python code between the parts): the copy is only bounded by the
# sequence's length, and zip(strict=True)'s copy may find its sources
# uneven.
import copy
import itertools
import operator
import pickle
import threading
import time

CONSUMERS = 2
MIN_COPIES = 3

failures = []
threading.excepthook = lambda args: failures.append(repr(args.exc_value))


def cases():
    n = 20000
    return [
        ("product", lambda: itertools.product(range(200), range(100)), True),
        ("combinations", lambda: itertools.combinations(range(200), 2), True),
        ("permutations", lambda: itertools.permutations(range(140), 2), True),
        ("cwr", lambda: itertools.combinations_with_replacement(range(200), 2), True),
        ("repeat", lambda: itertools.repeat("x", n), True),
        ("chain", lambda: itertools.chain(range(n // 2), range(n // 2, n)), False),
        ("islice", lambda: itertools.islice(range(3 * n), 0, None, 3), False),
        ("map", lambda: map(operator.neg, range(n)), False),
        ("accumulate", lambda: itertools.accumulate(range(n)), False),
        ("enumerate", lambda: enumerate(range(n)), False),
        ("zip_strict", lambda: zip(range(n), range(n), strict=True), False),
        ("compress", lambda: itertools.compress(range(n), itertools.repeat(1)), False),
    ]


def is_subsequence(part, whole):
    it = iter(whole)
    return all(any(x == y for y in it) for x in part)


for name, make, self_contained in cases():
    expected = list(make())
    shared = make()
    start = threading.Barrier(CONSUMERS + 1)
    got = [[] for _ in range(CONSUMERS)]
    running = [CONSUMERS]
    lock = threading.Lock()

    def consumer(i):
        start.wait()
        out = got[i]
        for item in shared:
            out.append(item)
            if len(out) % 500 == 0:
                time.sleep(0)  # let the copier in while items remain
        with lock:
            running[0] -= 1

    def copier():
        start.wait()
        k = 0
        while k < MIN_COPIES or running[0]:
            k += 1
            dup = pickle.loads(pickle.dumps(shared)) if k % 2 else copy.deepcopy(shared)
            try:
                items = list(dup)
            except ValueError as e:
                assert name == "zip_strict" and "zip() argument 2 is" in str(e), (name, e)
                continue
            if self_contained:
                assert items == expected[len(expected) - len(items):], (name, len(items))
            else:
                assert len(items) <= len(expected), name

    threads = [threading.Thread(target=consumer, args=(i,)) for i in range(CONSUMERS)]
    threads.append(threading.Thread(target=copier))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = [x for part in got for x in part]
    if name == "repeat":
        assert everything == expected, (name, len(everything))
    else:
        assert sorted(everything) == sorted(expected), (name, len(everything), len(expected))
        for part in got:
            assert is_subsequence(part, expected), name
assert not failures, failures
print("ok")
