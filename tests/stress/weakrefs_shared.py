# Weak references under contention (ftpy/weakref.h, design/weakref.md):
# threads create and drop weakly referenced objects while other threads
# dereference the weak references. A dereference must give the right
# object or None, never a freed one; every callback runs exactly once;
# ref(o) made by many threads at once is one shared reference.
import threading
import time
from _weakref import getweakrefcount, ref

THREADS = 4
ROUNDS = 2000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


class Box:
    def __init__(self, n):
        self.n = n


def run(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures


def wait_for(done):
    # In the free-threaded build an object dies a little after its last
    # reference goes: a value removed from a shared container is released
    # after a QSBR grace period (design/reclamation.md), and a reference
    # dropped by a thread that does not own the object is merged by its
    # owner at the owner's next eval-breaker check (biased reference
    # counting; CPython 3.13t does the same). Both happen within moments.
    deadline = time.monotonic() + 30
    while not done():
        assert time.monotonic() < deadline, "objects never died"
        time.sleep(0.001)


# 1. Makers publish (ref, n) pairs and drop their objects; readers
# dereference every published ref while the objects die.
published = []
callbacks = []
stop = threading.Event()


def maker(base):
    for i in range(ROUNDS):
        n = base + i
        # Sets and frozensets hold their own list of references (Set::weaklist).
        b = Box(n) if i % 3 else ({n} if i % 2 else frozenset([n]))
        published.append((ref(b, callbacks.append), base + i))
        if i % 3 == 0:
            keep = b  # a few live a little longer
        del b


def reader():
    while not stop.is_set():
        for r, n in list(published[-200:]):
            o = r()
            if o is not None:
                assert (n in o and len(o) == 1) if isinstance(o, (set, frozenset)) else o.n == n, (o, n)


makers = [threading.Thread(target=maker, args=(k * ROUNDS,)) for k in range(THREADS // 2)]
readers = [threading.Thread(target=reader) for _ in range(THREADS - THREADS // 2)]
for t in readers:
    t.start()
run(makers)
stop.set()
for t in readers:
    t.join()
assert not failures, failures
wait_for(lambda: len(callbacks) == (THREADS // 2) * ROUNDS)
assert all(r() is None for r, _ in published)
assert len(published) == (THREADS // 2) * ROUNDS
assert len({id(c) for c in callbacks}) == len(callbacks)  # each reference's callback once

# 2. Hand-off: the thread that made an object drops it while another
# thread, which made the weak reference, dereferences it.
for round_ in range(120):
    boxes = [Box(i) for i in range(200)]
    fired = []
    refs = [ref(b, fired.append) for b in boxes]
    go = threading.Barrier(2)

    def dropper():
        go.wait()
        boxes.clear()

    def deref():
        go.wait()
        for i, r in enumerate(refs):
            o = r()
            assert o is None or o.n == i

    run([threading.Thread(target=dropper), threading.Thread(target=deref)])
    wait_for(lambda: len(fired) == 200)
    assert all(r() is None for r in refs), round_

# 3. Many threads ask for ref(o) at once: one basic reference for all.
for round_ in range(200):
    target = Box(round_)
    got = []
    go = threading.Barrier(THREADS)

    def get_ref():
        go.wait()
        got.append(ref(target))

    run([threading.Thread(target=get_ref) for _ in range(THREADS)])
    assert len({id(r) for r in got}) == 1 and got[0]() is target
    assert getweakrefcount(target) == 1
    del got, target

# 4. Weak references dropped by some threads while the referent dies in
# another: callbacks of dropped references never run, the rest run once.
for round_ in range(120):
    b = Box(0)
    fired = []
    keep = [ref(b, fired.append) for _ in range(50)]
    drop = [ref(b, fired.append) for _ in range(50)]
    go = threading.Barrier(2)

    def drop_refs():
        go.wait()
        drop.clear()

    def kill():
        global b
        go.wait()
        del b

    run([threading.Thread(target=drop_refs), threading.Thread(target=kill)])
    wait_for(lambda: sum(1 for w in list(fired) if any(w is k for k in keep)) == 50)
    assert len(fired) <= 100 and len({id(w) for w in fired}) == len(fired), len(fired)
print("ok")
