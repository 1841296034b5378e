# Shared instances of __slots__ classes under threads: slots read without a
# lock while other threads replace, delete and re-set them. Readers must only
# ever see one of the values that was stored (never a freed or half-written
# object); counters updated under a lock end exact; every slot ends with the
# value of the last store each thread made.
import threading

THREADS = 6
ITERS = 20000


class Cell:
    __slots__ = ("value", "count", "tag")

    def __init__(self):
        self.value = (0, 0)
        self.count = 0
        self.tag = "start"


class Deeper(Cell):
    __slots__ = ("extra",)


shared = Deeper()
shared.extra = []
lock = threading.Lock()
barrier = threading.Barrier(THREADS)
seen_missing = [0] * THREADS


def worker(k):
    barrier.wait()
    mine = Cell()
    for i in range(ITERS):
        # Replace a slot with a fresh object that carries its own checksum.
        shared.value = (k * ITERS + i, 2 * (k * ITERS + i))
        v = shared.value
        assert v[1] == 2 * v[0], v
        # A counter under a lock: exact at the end.
        with lock:
            shared.count += 1
        # Delete and re-set a slot that other threads read at once.
        if i % 7 == k % 7:
            try:
                del shared.tag
            except AttributeError:
                pass  # another thread deleted it first
            shared.tag = "t%d" % k
        try:
            t = shared.tag
            assert t == "start" or (t[0] == "t" and 0 <= int(t[1:]) < THREADS), t
        except AttributeError:
            seen_missing[k] += 1
        # The inherited slot's list: appends are not lost.
        shared.extra.append(k)
        # A private instance, written only by this thread.
        mine.count = i
        assert mine.count == i
    assert mine.count == ITERS - 1


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert shared.count == THREADS * ITERS, shared.count
assert len(shared.extra) == THREADS * ITERS
assert sorted(set(shared.extra)) == list(range(THREADS))
assert all(shared.extra.count(k) == ITERS for k in range(THREADS))
v = shared.value
assert v[1] == 2 * v[0] and v[0] % ITERS == ITERS - 1, v
assert shared.tag[0] == "t"
try:
    shared.undeclared = 1
    raise SystemExit("a slotted instance took an undeclared attribute")
except AttributeError:
    pass
print("slots_shared ok")
