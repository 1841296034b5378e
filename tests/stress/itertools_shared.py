# itertools iterators shared by several threads (each advances under its
# own critical section): every value of a shared count, chain, islice and
# repeat is handed out exactly once, and starmap calls its function once
# per item.
import threading
from itertools import chain, count, islice, repeat, starmap

THREADS = 4
ROUNDS = 12
N = 4000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


def run(target, *args):
    barrier = threading.Barrier(THREADS)
    results = [[] for _ in range(THREADS)]

    def worker(i):
        barrier.wait()
        target(results[i], *args)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    return [x for r in results for x in r]


def take(out, it, n):
    for _ in range(n):
        out.append(next(it))


def drain(out, it):
    for x in it:
        out.append(x)


for round_ in range(ROUNDS):
    got = run(take, count(10, 3), N // THREADS)
    assert sorted(got) == list(range(10, 10 + 3 * N, 3)), round_
    got = run(take, count(2 ** 70), N // THREADS)
    assert sorted(got) == list(range(2 ** 70, 2 ** 70 + N)), round_
    got = run(drain, chain(range(N // 2), [], iter(range(N // 2, N))))
    assert sorted(got) == list(range(N)), round_
    got = run(drain, islice(range(3 * N), 5, None, 3))
    assert sorted(got) == list(range(5, 3 * N, 3)), round_
    got = run(drain, repeat('r', N))
    assert got == ['r'] * N, round_
    calls = []
    got = run(drain, starmap(lambda a, b: calls.append(a) or a * b, iter([(i, 2) for i in range(N)])))
    assert sorted(got) == [2 * i for i in range(N)] and sorted(calls) == list(range(N)), round_
print("ok")
