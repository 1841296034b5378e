# staticmethod and classmethod objects shared by four threads: each thread
# makes the shared wrappers' __dict__ appear (only one dict may win),
# assigns and deletes its own attributes on them, reads the copied names,
# and builds and drops classes whose classmethods use super() (cycles the
# collector frees, with a weak-reference callback counted for each) while
# a fifth thread collects. Exact attributes and counts at the end.
import gc
import sys
import threading
import weakref

THREADS = 4
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
start = threading.Barrier(THREADS + 1)
done = threading.Event()
freed = []


def target(x):
    "target docs"
    return x


shared = [staticmethod(target), classmethod(target)]


def make_class(i):
    class K:
        @classmethod
        def make(cls):
            return super().__new__(cls)

        @staticmethod
        def me():
            return __class__
    K.i = i
    return weakref.ref(K, lambda r: freed.append(1))


def worker(k):
    refs = []
    start.wait()
    for i in range(ROUNDS):
        w = shared[i % 2]
        d = w.__dict__
        assert d is w.__dict__  # one dict, whichever thread made it
        setattr(w, f"t{k}", i)
        assert getattr(w, f"t{k}") == i
        assert w.__name__ == "target" and w.__doc__ == "target docs"
        if i % 3 == 0:
            delattr(w, f"t{k}")
            assert not hasattr(w, f"t{k}")
            setattr(w, f"t{k}", i)
        refs.append(make_class(i))
    return refs


def collector():
    start.wait()
    while not done.wait(0.002):  # a collection every few milliseconds
        gc.collect()


all_refs = []
threads = [threading.Thread(target=lambda k=k: all_refs.extend(worker(k))) for k in range(THREADS)]
collecting = threading.Thread(target=collector)
for t in threads + [collecting]:
    t.start()
for t in threads:
    t.join()
done.set()
collecting.join()
gc.collect()
assert not failures, failures
for w in shared:
    names = {k: v for k, v in w.__dict__.items() if k.startswith("t")}
    last = ROUNDS - 1 if isinstance(w, classmethod) else ROUNDS - 2
    assert names == {f"t{k}": last for k in range(THREADS)}, names
    assert w.__func__ is target
alive = sum(r() is not None for r in all_refs)
assert alive == 0, f"{alive} classes with classmethods still alive"
assert len(freed) == THREADS * ROUNDS, len(freed)
print("ok", len(freed))
