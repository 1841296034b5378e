# The cycle collector under threads: workers build and drop cycles (of
# instances, lists, dicts, tuples, closures, suspended generators and weak
# references with callbacks), run generators of their own while others
# collect, keep live cycles on their stacks and in a shared structure,
# and resurrect some objects in __del__, while another thread collects in
# a loop and automatic collections run with a low threshold. Live objects
# must never be freed (every local cycle is intact after each collection,
# the shared list ends with exactly every appended item), every __del__
# runs exactly once, and every weak reference to garbage is cleared with
# its callback run once, and every suspended generator in garbage is closed
# once (its finally block runs). Finalizers and callbacks only append to lists: a
# collection can start inside a `with lock:` block (at its __exit__ call),
# and a __del__ taking that lock would deadlock, as on CPython.
import gc
import sys
import threading
import weakref

THREADS = 4
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 1500

gc.set_threshold(50)
created = []
deleted = []
callbacks = []
resurrected = []
finallies = []


class Node:
    pass


class Finalized:
    def __init__(self, keep):
        self.keep = keep
        created.append(1)

    def __del__(self):
        deleted.append(1)
        if self.keep:
            resurrected.append(self)


def on_dead(ref):
    callbacks.append(1)


def suspended(owner):
    try:
        yield owner
        yield owner
    finally:
        finallies.append(1)


def counter(start):
    # Runs while the collector stops the world: its frame belongs to the
    # thread running it then.
    n = start
    box = [n]
    while True:
        box = [box[0] + 1, box]
        n = yield box[0]


shared = Node()
shared.me = shared
shared.items = []
refs = [[] for _ in range(THREADS)]
done = threading.Event()


def garbage(i, n):
    a = Node()
    b = Finalized(keep=(n % 50 == 0))
    a.b = b
    b.a = a
    a.box = [a, (b, {"a": a})]

    def closure():
        return closure, a

    a.f = closure
    a.gen = suspended(a)
    next(a.gen)
    return weakref.ref(a, on_dead)


def worker(i):
    mine = refs[i]
    count = counter(0)
    next(count)
    for n in range(ROUNDS):
        assert count.send(n) == n + 2
        local = Node()
        local.me = local
        local.data = [n, {"n": n}]
        mine.append(garbage(i, n))
        shared.items.append((i, n))
        if n % 100 == 0:
            gc.collect()
        assert local.me is local and local.data[0] == n and local.data[1]["n"] == n


def collector():
    while not done.is_set():
        gc.collect()


threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
c = threading.Thread(target=collector)
c.start()
for t in threads:
    t.start()
for t in threads:
    t.join()
done.set()
c.join()

# Resurrected objects die for good once dropped, without a second __del__.
resurrected.clear()
for _ in range(3):
    gc.collect()

assert sorted(shared.items) == [(i, n) for i in range(THREADS) for n in range(ROUNDS)], "shared list lost items"
assert shared.me is shared
total = THREADS * ROUNDS
assert len(created) == total, len(created)
assert len(deleted) == total, len(deleted)
alive = sum(1 for rs in refs for r in rs if r() is not None)
assert alive == 0, alive
assert len(callbacks) == total, len(callbacks)
assert len(finallies) == total, len(finallies)
print("ok", total)
