# `a[i] op= v` and `a[i] = v` on lists shared by four threads (the store's
# fast path under the list's short lock) while another thread appends to
# and pops from the same list, resizing its array under the stores; and
# floats and ints (heap and big ones) made by one thread and released by
# another (the per-thread free lists, ftpy/freelist.h, must never reuse a
# block that a lock-free reader may still hold). Exact totals at the end.
import sys
import threading

THREADS = 4
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
EXTRA = 64  # the resizer's items live past the counters

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
counters = [0] * THREADS + [0.0] * THREADS
handoff = [0.0] * THREADS      # floats written by one thread, replaced by the next
ints = [0] * THREADS           # the same with heap ints and big ints
start = threading.Barrier(THREADS + 1)
done = threading.Event()


def worker(k):
    mine, floats = k, THREADS + k
    a = counters
    start.wait()
    for i in range(ROUNDS):
        a[mine] += 1
        a[floats] += 0.5
        # The slot k is owned by nobody: each thread overwrites its
        # neighbour's float, dropping a float another thread made.
        handoff[(k + 1) % THREADS] = i * 0.25 + k
        v = handoff[k]
        assert isinstance(v, float) and v >= 0.0, v
        ints[(k + 1) % THREADS] = (i * 1000 + k) if i % 2 else (2**70 + i)
        n = ints[k]
        assert n == 0 or n % 1000 < THREADS or n >= 2**70, n
    a[mine] -= 0  # a no-op store through the fast path


def resizer():
    start.wait()
    rounds = 0
    while not done.is_set() or rounds < 10:
        for j in range(EXTRA):
            counters.append(float(j))
        for j in range(EXTRA):
            assert counters.pop() == float(EXTRA - 1 - j)
        rounds += 1


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
extra = threading.Thread(target=resizer)
for t in threads + [extra]:
    t.start()
for t in threads:
    t.join()
done.set()
extra.join()
assert not failures, failures
assert len(counters) == 2 * THREADS, len(counters)
assert counters[:THREADS] == [ROUNDS] * THREADS, counters
assert counters[THREADS:] == [ROUNDS * 0.5] * THREADS, counters
assert all(isinstance(x, float) for x in handoff), handoff
assert all(type(x) is int for x in ints), ints
print("ok")
