# Deferred reference counting under threads (design/refcounting.md):
# producers make module-level functions (exec), classes and modules (each
# module in a cycle with itself and its function's globals), hand them to
# consumers through a shared list, and drop their own references; the
# consumers call them, make instances (with __del__) and drop them; every
# thread also calls one shared function, instantiates one shared class and
# reads one shared module;
# a collector thread collects in a loop, and producers exit while their
# counts are still spread over the other threads. Nothing in use may be
# freed (every call returns its exact value), everything dropped must be
# freed (every weak reference dead and its callback run exactly once after
# the last collections), every __del__ runs exactly once, and the shared
# function's, class's and module's counts end where they started.
import gc
import sys
import threading
import types
import weakref

PRODUCERS = 2
CONSUMERS = 2
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 400

lock = threading.Lock()
handoff = []
dead_callbacks = []
finalized = []
made = []
weak = []
consumed = []
done = threading.Event()


def shared_function(x):
    return x + 1


class Shared:
    def __init__(self, v):
        self.v = v


shared_module = types.ModuleType("shared_module")
shared_module.one = 1


def on_dead(ref):
    dead_callbacks.append(1)


def producer(pid):
    for i in range(ROUNDS):
        ns = {}
        exec(f"def made(): return {pid * 100000 + i}", ns)
        func = ns.pop("made")

        class Made:
            value = pid * 100000 + i

            def __del__(self):
                finalized.append(1)

            def get(self):
                return self.value + shared_function(0) - 1

        mod = types.ModuleType(f"made_{pid}_{i}")
        exec(f"def value(): return mod and {pid * 100000 + i}", mod.__dict__)
        mod.mod = mod

        with lock:
            weak.append(weakref.ref(func, on_dead))
            weak.append(weakref.ref(Made, on_dead))
            weak.append(weakref.ref(mod, on_dead))
            made.append(1)
            handoff.append((func, Made, mod))
        assert shared_function(i) == i + 1
        assert Shared(i).v == i
        assert shared_module.one == 1
        del func, Made, ns, mod


def consumer():
    total = 0
    while True:
        with lock:
            item = handoff.pop() if handoff else None
        if item is None:
            if done.is_set():
                with lock:
                    if not handoff:
                        break
                continue
            continue
        func, cls, mod = item
        del item
        a = func()
        obj = cls()
        b = obj.get()
        c = mod.value()
        assert a == b == c == cls.value, (a, b, c, cls.value)
        assert shared_function(a) == a + 1 and Shared(a).v == a and shared_module.one == 1
        total += a
        del func, cls, obj, mod
    with lock:
        consumed.append(total)


def collector():
    while not done.is_set():
        gc.collect()


def counts():
    return sys.getrefcount(shared_function), sys.getrefcount(Shared), sys.getrefcount(shared_module)


base = counts()
producers = [threading.Thread(target=producer, args=(p,)) for p in range(PRODUCERS)]
consumers = [threading.Thread(target=consumer) for c in range(CONSUMERS)]
collecting = threading.Thread(target=collector)
for t in producers + consumers + [collecting]:
    t.start()
for t in producers:
    t.join()
done.set()
for t in consumers + [collecting]:
    t.join()
gc.collect()
gc.collect()

expected_total = sum(p * 100000 + i for p in range(PRODUCERS) for i in range(ROUNDS))
assert sum(consumed) == expected_total, (sum(consumed), expected_total)
assert len(made) == PRODUCERS * ROUNDS
alive = sum(r() is not None for r in weak)
assert alive == 0, f"{alive} functions, classes or modules still alive"
assert len(dead_callbacks) == 3 * PRODUCERS * ROUNDS, len(dead_callbacks)
assert len(finalized) == PRODUCERS * ROUNDS, len(finalized)
assert counts() == base, (counts(), base)
print("ok", len(made), sum(consumed))
