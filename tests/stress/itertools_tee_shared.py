# itertools.tee from four threads: four tees of one source, each drained by
# its own thread, each see the whole source in order (the threads share
# the chunk list and the source); one tee shared by all four threads hands
# out each item once; copies made while others read start where their
# original stood.
import threading
from itertools import tee

THREADS = 4
ROUNDS = 8
N = 20000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


def run(target):
    barrier = threading.Barrier(THREADS)
    out = [[] for _ in range(THREADS)]

    def worker(k):
        barrier.wait()
        target(k, out[k])

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    return out


for _ in range(ROUNDS):
    tees = tee(iter(range(N)), THREADS)
    seen = run(lambda k, out: out.extend(tees[k]))
    assert all(s == list(range(N)) for s in seen), [len(s) for s in seen]

    shared, = tee(iter(range(N)), 1)
    seen = run(lambda k, out: out.extend(shared))
    assert sorted(sum(seen, [])) == list(range(N))

    base, = tee(iter(range(N)), 1)

    def copier(k, out):
        for i in range(200):
            c = base.__copy__()
            first = next(c, None)
            later = next(base, None)
            assert first is None or later is None or first <= later, (first, later)
            out.append(first)

    run(copier)
print("ok")
