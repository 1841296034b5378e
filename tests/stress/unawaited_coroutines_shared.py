# Coroutines that are never awaited, made and dropped by many threads at
# once: each warns exactly once when it is finalized (CPython's
# _PyErr_WarnUnawaitedCoroutine, through warnings._warn_unawaited_coroutine),
# whichever thread drops the last reference, and each records cr_origin at
# its creating thread's own tracking depth (sys.set_coroutine_origin_
# tracking_depth is per thread). Exact final state: one report per
# coroutine, with the depth and creator of the thread that made it.
import gc
import queue
import sys
import threading
import warnings

THREADS = 4
PER_THREAD = 2000
HANDED_OVER = 500

lock = threading.Lock()
reports = []


def record(coro):
    origin = coro.cr_origin
    with lock:
        reports.append((coro.__qualname__, None if origin is None else len(origin),
                        None if origin is None else origin[0][2]))


warnings._warn_unawaited_coroutine = record
failures = []
threading.excepthook = lambda args: failures.append(repr(args.exc_value))


async def corofn():
    pass


def make(n):
    return [corofn() for _ in range(n)]


handover = queue.Queue()
start = threading.Barrier(THREADS + 1)


def worker(depth):
    sys.set_coroutine_origin_tracking_depth(depth)
    start.wait()
    for _ in range(PER_THREAD // 100):
        batch = make(100)
        del batch
    # Made here, dropped by the main thread.
    handover.put(make(HANDED_OVER))
    assert sys.get_coroutine_origin_tracking_depth() == depth


threads = [threading.Thread(target=worker, args=(d,)) for d in range(THREADS)]
for t in threads:
    t.start()
start.wait()
for t in threads:
    t.join()
for _ in range(THREADS):
    batch = handover.get()
    del batch
gc.collect()
assert not failures, failures
assert sys.get_coroutine_origin_tracking_depth() == 0
total = THREADS * (PER_THREAD + HANDED_OVER)
assert len(reports) == total, (len(reports), total)
# Depth d records d frames (the comprehension that made it, make, worker);
# depth 0 records none (cr_origin None).
by_depth = {}
for name, n, innermost in reports:
    assert name == "corofn", name
    by_depth[n] = by_depth.get(n, 0) + 1
    assert n is None or innermost == "<listcomp>", innermost
expected = {None: PER_THREAD + HANDED_OVER}
for d in range(1, THREADS):
    expected[d] = PER_THREAD + HANDED_OVER
assert by_depth == expected, by_depth
print("ok", len(reports))
