# Shared set and dict iterators while other threads ask their
# __length_hint__ and run the cycle collector (iterators over containers
# are tracked now): each key is handed out exactly once, every hint is
# between 0 and what was left, and cycles through iterators made on every
# thread are all freed.
import gc
import threading
import weakref

THREADS = 4
N = 20000

for round_ in range(3):
    for make in (lambda: set(range(N)), lambda: dict.fromkeys(range(N))):
        source = make()
        it = iter(source)
        got = [[] for _ in range(THREADS)]
        bad_hints = []
        done = threading.Event()

        def consume(k):
            out = got[k]
            for x in it:
                out.append(x)

        def hint():
            last = N
            while not done.is_set():
                h = it.__length_hint__()
                if not 0 <= h <= last:
                    bad_hints.append((h, last))
                last = h

        ts = [threading.Thread(target=consume, args=(k,)) for k in range(THREADS)]
        hs = [threading.Thread(target=hint) for _ in range(2)]
        for t in hs + ts:
            t.start()
        for t in ts:
            t.join()
        done.set()
        for t in hs:
            t.join()
        flat = [x for out in got for x in out]
        assert len(flat) == N, len(flat)
        assert set(flat) == set(range(N))
        assert not bad_hints, bad_hints[:5]
        assert it.__length_hint__() == 0


class Node:
    pass


refs = []
refs_lock = threading.Lock()
start = threading.Barrier(THREADS + 1)


def make_cycles(k):
    start.wait()
    mine = []
    for i in range(3000):
        obj = Node()
        kind = i % 4
        obj.it = (iter([obj, i]) if kind == 0 else iter({i: obj}.values()) if kind == 1
                  else zip([obj], [i]) if kind == 2 else {obj: i}.keys())
        mine.append(weakref.ref(obj))
        del obj
    with refs_lock:
        refs.extend(mine)


def collect():
    start.wait()
    for _ in range(20):
        gc.collect()


ts = [threading.Thread(target=make_cycles, args=(k,)) for k in range(THREADS)]
ts.append(threading.Thread(target=collect))
for t in ts:
    t.start()
for t in ts:
    t.join()
gc.collect()
alive = sum(1 for r in refs if r() is not None)
assert len(refs) == THREADS * 3000
assert alive == 0, alive
print("iterator_hints_gc_shared ok")
