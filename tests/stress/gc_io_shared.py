# io objects under the cycle collector: four threads write lines into one
# shared BytesIO that refers to itself (a live cycle through its dict, which
# must survive every collection) and, each round, make and drop a
# TextIOWrapper and a BufferedWriter in cycles of their own (through the
# dict, and through a raw stream that refers back to its wrapper), with a
# weak-reference callback each; a fifth thread collects every few
# milliseconds. At the end every line is in the shared buffer, in each
# thread's order, and every dropped cycle was freed once.
import gc
import io
import sys
import threading
import weakref

THREADS = 4
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 1500

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
start = threading.Barrier(THREADS + 1)
done = threading.Event()
freed = []
flushed = []

shared = io.BytesIO()
shared.me = shared


class Raw(io.RawIOBase):
    def writable(self):
        return True

    def write(self, b):
        flushed.append(len(b))
        return len(b)


refs = [[] for _ in range(THREADS)]


def worker(k):
    keep = refs[k]
    start.wait()
    for i in range(ROUNDS):
        shared.write(b"%d:%d\n" % (k, i))
        t = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        t.write("abc")
        t.me = t
        keep.append(weakref.ref(t, lambda r: freed.append(1)))
        raw = Raw()
        b = io.BufferedWriter(raw)
        b.write(b"xy")
        raw.owner = b
        keep.append(weakref.ref(b, lambda r: freed.append(1)))
        del t, raw, b


def collector():
    start.wait()
    while not done.wait(0.002):
        gc.collect()


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
collecting = threading.Thread(target=collector)
for t in threads + [collecting]:
    t.start()
for t in threads:
    t.join()
done.set()
collecting.join()
gc.collect()
assert not failures, failures
lines = shared.getvalue().splitlines()
assert len(lines) == THREADS * ROUNDS, len(lines)
for k in range(THREADS):
    mine = [int(x.split(b":")[1]) for x in lines if x.startswith(b"%d:" % k)]
    assert mine == list(range(ROUNDS)), k
assert len(freed) == 2 * THREADS * ROUNDS, len(freed)
assert all(r() is None for keep in refs for r in keep)
# A writer flushes its two bytes when finalized, unless the collector
# finalized (closed) its raw stream first: the order is unspecified.
assert set(flushed) <= {2} and len(flushed) <= THREADS * ROUNDS, (len(flushed), set(flushed))
assert not shared.closed and shared.me is shared
print("ok", len(freed))
