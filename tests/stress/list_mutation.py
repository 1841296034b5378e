# Shared list append/extend/remove/pop from many threads: nothing lost or duplicated.
import sys
import threading

THREADS = 8
ITERS = 20000
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3  # the TSan run passes 1


def run(target, n=THREADS):
    threads = [threading.Thread(target=target, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


for round_ in range(ROUNDS):
    shared = []
    run(lambda k: [shared.append((k, i)) for i in range(ITERS)])
    assert len(shared) == THREADS * ITERS, len(shared)
    assert set(shared) == {(k, i) for k in range(THREADS) for i in range(ITERS)}
    for k in range(THREADS):
        mine = [i for (kk, i) in shared if kk == k]
        assert mine == list(range(ITERS)), "per-thread order must be preserved"

    chunks = []
    run(lambda k: [chunks.extend([k] * 10) for _ in range(ITERS // 10)])
    assert len(chunks) == THREADS * ITERS
    for k in range(THREADS):
        assert chunks.count(k) == ITERS

    pool = list(range(THREADS * 1000))

    def remover(k):
        for v in range(k * 1000, (k + 1) * 1000):
            pool.remove(v)

    run(remover)
    assert pool == [], len(pool)

    stack = list(range(THREADS * ITERS))
    popped = [[] for _ in range(THREADS)]

    def popper(k):
        out = popped[k]
        for _ in range(ITERS):
            out.append(stack.pop())

    run(popper)
    assert stack == []
    allv = sorted(v for part in popped for v in part)
    assert allv == list(range(THREADS * ITERS))
print("list_mutation ok")
