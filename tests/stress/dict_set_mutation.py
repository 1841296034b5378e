# Shared dict and set mutation: disjoint keys from many threads, plus
# lock-protected read-modify-write on shared keys.
import threading

THREADS = 8
ITERS = 10000
lock = threading.Lock()


def run(target):
    threads = [threading.Thread(target=target, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


for round_ in range(3):
    d = {}
    run(lambda k: [d.__setitem__((k, i), k * i) for i in range(ITERS)])
    assert len(d) == THREADS * ITERS
    assert all(d[(k, i)] == k * i for k in range(THREADS) for i in range(ITERS))

    def deleter(k):
        for i in range(0, ITERS, 2):
            del d[(k, i)]

    run(deleter)
    assert len(d) == THREADS * ITERS // 2
    assert all((k, i) in d for k in range(THREADS) for i in range(1, ITERS, 2))

    counts = {"hits": 0}

    def counter(k):
        for _ in range(ITERS):
            with lock:
                counts["hits"] += 1
            counts.setdefault(k, 0)

    run(counter)
    assert counts["hits"] == THREADS * ITERS
    assert sorted(k for k in counts if k != "hits") == list(range(THREADS))

    s = set()
    run(lambda k: [s.add(k * ITERS + i) for i in range(ITERS)])
    assert s == set(range(THREADS * ITERS))
    run(lambda k: [s.discard(k * ITERS + i) for i in range(0, ITERS, 3)])
    assert len(s) == THREADS * (ITERS - len(range(0, ITERS, 3)))
print("dict_set_mutation ok")
