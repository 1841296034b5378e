# One iterator over a range past int64 (a longrange_iterator, stepped under
# its critical section) drained by several threads at once: every value
# must come out exactly once, forwards and reversed.
import threading

THREADS = 4
N = 20000
B = 1 << 100

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


def drain(it, out, barrier):
    barrier.wait()
    local = [x for x in it]
    out.extend(local)


for rounds, make in ((8, lambda: iter(range(B, B + 3 * N, 3))), (8, lambda: reversed(range(B, B + 3 * N, 3)))):
    for _ in range(rounds):
        it = make()
        got = []
        barrier = threading.Barrier(THREADS)
        threads = [threading.Thread(target=drain, args=(it, got, barrier)) for _ in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not failures, failures
        assert len(got) == N and sorted(got) == list(range(B, B + 3 * N, 3)), len(got)
print("ok")
