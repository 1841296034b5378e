# One generator driven by several threads with next() and send(): a thread
# that finds it running gets "generator already executing" and retries;
# every value is produced exactly once and the generator finishes once.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
N = 20000


def counter():
    received = 0
    for i in range(N):
        got = yield i
        if got is not None:
            received += 1
    return received


gen = counter()
parts = [[] for _ in range(THREADS)]
busy = [0] * THREADS
finished = []


def worker(k):
    out = parts[k]
    while True:
        try:
            v = next(gen) if len(out) % 2 else gen.send(None) if out else next(gen)
        except ValueError as e:
            assert str(e) == "generator already executing", e
            busy[k] += 1
            continue
        except StopIteration as e:
            finished.append(e.value)
            return
        out.append(v)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
values = sorted(v for part in parts for v in part)
assert values == list(range(N)), len(values)
# One thread saw the return value; later calls on the finished generator
# raise a bare StopIteration (and may append first: a race, not an order).
assert finished.count(0) == 1 and all(v is None for v in finished if v != 0), finished
adv_harness.finish()
