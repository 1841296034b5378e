# Instances of classes derived from classmethod, staticmethod and property,
# shared by threads while one thread keeps re-running their __init__ with
# other callables (which replaces the callable they bind). Every call must
# see one of the callables that were installed, never a freed one, and the
# call counts must add up exactly.
import threading

READERS = 3
CALLS = 20000
SWAPS = 3000


class cm(classmethod):
    pass


class sm(staticmethod):
    pass


class prop(property):
    pass


def make(tag):
    return (lambda cls: tag), (lambda: tag), (lambda self: tag)


VARIANTS = [make(t) for t in ("a", "b", "c")]


class C:
    m = cm(VARIANTS[0][0])
    s = sm(VARIANTS[0][1])
    p = prop(VARIANTS[0][2])


start = threading.Barrier(READERS + 1)
counts = []
bad = []


def reader():
    start.wait()
    seen = {"a": 0, "b": 0, "c": 0}
    obj = C()
    for i in range(CALLS):
        for v in (C.m(), C.s(), obj.p):
            if v in seen:
                seen[v] += 1
            else:
                bad.append(v)
    counts.append(seen)


def swapper():
    start.wait()
    for i in range(SWAPS):
        fm, fs, fp = VARIANTS[i % 3]
        C.__dict__["m"].__init__(fm)
        C.__dict__["s"].__init__(fs)
        C.__dict__["p"].__init__(fp)


threads = [threading.Thread(target=reader) for _ in range(READERS)] + [threading.Thread(target=swapper)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not bad, bad[:5]
assert len(counts) == READERS
assert all(sum(c.values()) == 3 * CALLS for c in counts), counts
# The last swap installed variant (SWAPS - 1) % 3.
last = "abc"[(SWAPS - 1) % 3]
assert (C.m(), C.s(), C().p) == (last, last, last)
print("derived_descriptors_shared ok")
