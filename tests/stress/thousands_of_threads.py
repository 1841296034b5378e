# Thousands of threads alive at once: 2000 threads start, all wait at one
# barrier (so every one of them exists at the same time), then each records
# its index and returns an object it built, which the main thread frees.
# Checks that every thread ran exactly once, every object arrived intact, and
# that all threads are gone afterwards.
import sys
import threading

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
ROUNDS = 2


def run_round(r):
    barrier = threading.Barrier(N + 1)
    seen = []
    results = [None] * N

    def body(k):
        barrier.wait()
        seen.append(k)
        results[k] = {"k": k, "items": [k, str(k), (k, r)]}

    threads = [threading.Thread(target=body, args=(k,)) for k in range(N)]
    for t in threads:
        t.start()
    barrier.wait()  # all N threads are alive here
    for t in threads:
        t.join()
    assert sorted(seen) == list(range(N)), len(seen)
    for k, res in enumerate(results):
        assert res == {"k": k, "items": [k, str(k), (k, r)]}, (k, res)
    assert not any(t.is_alive() for t in threads)


for r in range(ROUNDS):
    run_round(r)
assert threading.active_count() == 1, threading.active_count()
print("thousands_of_threads ok", N * ROUNDS)
