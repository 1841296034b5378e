# Instances of classes derived from builtin and itertools iterators, shared
# by threads: the builtin part advances under the instance's critical
# section as for the builtin itself, so every item is handed out exactly
# once; the derived class's own attributes change beside it. Exact final
# state: the items all threads collected are the source's, each once, and
# the per-instance counters add up.
import itertools
import threading

THREADS = 4
N = 20000

failures = []
threading.excepthook = lambda args: failures.append(repr(args.exc_value))


class Chain(itertools.chain):
    pass


class Map(map):
    def __init__(self, *args):
        self.calls = 0


class Islice(itertools.islice):
    pass


class Counted(itertools.starmap):
    def __next__(self):
        return super().__next__()


def make():
    half = N // 2
    return [
        ("chain", Chain(range(half), range(half, N)), list(range(N))),
        ("map", Map(lambda x: x * 2, range(N)), [x * 2 for x in range(N)]),
        ("islice", Islice(range(3 * N), 0, 3 * N, 3), list(range(0, 3 * N, 3))),
        ("starmap", Counted(pow, [(x, 1) for x in range(N)]), list(range(N))),  # a list: a generator shared by threads may be "already executing"
    ]


for name, shared, expected in make():
    start = threading.Barrier(THREADS)
    got = [[] for _ in range(THREADS)]
    lock = threading.Lock()

    def worker(i):
        start.wait()
        out = got[i]
        for item in shared:
            out.append(item)
            if name == "map":
                with lock:
                    shared.calls += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    everything = sorted(x for part in got for x in part)
    assert everything == sorted(expected), (name, len(everything), len(expected))
    if name == "map":
        assert shared.calls == N, shared.calls
assert not failures, failures
print("ok")
