# array.array shared by threads (src/modules/array_module.cc). Appends,
# extends, inserts and pops from several threads lose and duplicate no
# item; readers (slices, tobytes, sum, `in`, iteration) only ever see whole
# items written by some thread; a shared iterator hands each item out once;
# a memoryview held by one thread makes the others' resizes fail with
# BufferError, never move the memory under it. Exact final states.
import array
import threading

THREADS = 4
N = 20000
start = threading.Barrier(THREADS + 1)


def value(tid, i):
    return tid * 1_000_000 + i


def valid(v):
    return 0 <= v % 1_000_000 < N and 0 <= v // 1_000_000 < THREADS


# Writers append, extend and insert while a reader looks at the array.
shared = array.array("q")
stop = threading.Event()
bad = []


def writer(tid):
    start.wait()
    i = 0
    while i < N:
        kind = i % 3
        if kind == 0:
            shared.append(value(tid, i))
            i += 1
        elif kind == 1 and i + 2 <= N:
            shared.extend(array.array("q", [value(tid, i), value(tid, i + 1)]))
            i += 2
        else:
            shared.insert(0, value(tid, i))
            i += 1


def reader():
    start.wait()
    while not stop.is_set():
        data = shared.tobytes()
        if len(data) % 8:
            bad.append(("tobytes", len(data)))
        piece = shared[::7]
        if not all(valid(v) for v in piece):
            bad.append(("slice", list(piece)))
        for v in shared[-5:]:
            if not valid(v):
                bad.append(("tail", v))
        if sum(shared) < 0:
            bad.append(("sum",))
        _ = value(0, 0) in shared


workers = [threading.Thread(target=writer, args=(t,)) for t in range(THREADS)]
watcher = threading.Thread(target=reader)
for t in workers + [watcher]:
    t.start()
for t in workers:
    t.join()
stop.set()
watcher.join()
assert not bad, bad[:3]
assert len(shared) == THREADS * N, len(shared)
assert sorted(shared) == sorted(value(t, i) for t in range(THREADS) for i in range(N))

# Poppers empty it: every item comes out exactly once.
start = threading.Barrier(THREADS)
popped = [[] for _ in range(THREADS)]


def popper(tid):
    start.wait()
    out = popped[tid]
    while True:
        try:
            out.append(shared.pop(0 if tid % 2 else -1))
        except IndexError:
            return


workers = [threading.Thread(target=popper, args=(t,)) for t in range(THREADS)]
for t in workers:
    t.start()
for t in workers:
    t.join()
everything = [v for out in popped for v in out]
assert len(shared) == 0
assert sorted(everything) == sorted(value(t, i) for t in range(THREADS) for i in range(N)), len(everything)

# One iterator shared by all threads.
source = array.array("i", range(THREADS * N))
shared_iter = iter(source)
start = threading.Barrier(THREADS)
seen = [[] for _ in range(THREADS)]


def consume(tid):
    start.wait()
    out = seen[tid]
    for v in shared_iter:
        out.append(v)


workers = [threading.Thread(target=consume, args=(t,)) for t in range(THREADS)]
for t in workers:
    t.start()
for t in workers:
    t.join()
assert sorted(v for out in seen for v in out) == list(range(THREADS * N))

# Views against resizes: while a view exists the size cannot change.
exported = array.array("i", [0] * 64)
appended = [0] * THREADS
refused = [0] * THREADS
rounds = 2000
start = threading.Barrier(THREADS + 1)
done = threading.Event()


def viewer():
    start.wait()
    r = 0
    # Until every resizer has tried many times (and at least `rounds` views).
    while r < rounds or min(a + f for a, f in zip(appended, refused)) < 500:
        r += 1
        with memoryview(exported) as m:
            n = len(m)
            m[0] = r
            part = m[1:3]
        # The slice keeps an export of its own: still no resize.
        part[0] = r
        assert len(exported) == n, (len(exported), n)
        part.release()
    done.set()


def resizer(tid):
    start.wait()
    while not done.is_set():
        try:
            exported.append(tid)
            appended[tid] += 1
        except BufferError:
            refused[tid] += 1


workers = [threading.Thread(target=resizer, args=(t,)) for t in range(THREADS)]
view_thread = threading.Thread(target=viewer)
for t in workers + [view_thread]:
    t.start()
for t in workers + [view_thread]:
    t.join()
assert len(exported) == 64 + sum(appended), (len(exported), sum(appended))
for t in range(THREADS):
    assert exported[64:].count(t) == appended[t]
print("ok", len(everything))
