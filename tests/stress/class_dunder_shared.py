# Special methods replaced on a shared class while other threads use them:
# the slot update stops the world (src/objects/slots.cc), so every
# comparison and addition runs one of the installed functions, whole, and
# the per-function call counts add up exactly.
import threading

THREADS = 4
CALLS = 3000
SWAPS = 300


class Base:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x


class Derived(Base):
    __slots__ = ()


counts = [0, 0]  # calls of the two __lt__ versions, guarded by count_lock
count_lock = threading.Lock()


def lt_a(self, other):
    with count_lock:
        counts[0] += 1
    return self.x < other.x


def lt_b(self, other):
    with count_lock:
        counts[1] += 1
    return self.x < other.x


Base.__lt__ = lt_a
results = []
failures = []
start = threading.Barrier(THREADS + 1)


def user(k):
    start.wait()
    ok = 0
    for i in range(CALLS):
        a, b = (Base(i), Base(i + 1)) if i % 2 else (Derived(i), Derived(i + 1))
        if a < b and not (b < a):
            ok += 1
        try:
            s = (a + b).x  # __add__ may be there or not, never half-installed
        except TypeError:
            s = a.x + b.x
        if s != 2 * i + 1:
            failures.append((k, i, s))
    results.append(ok)


def swapper():
    start.wait()
    for i in range(SWAPS):
        Base.__lt__ = lt_b if i % 2 == 0 else lt_a
        Base.__add__ = lambda self, other: Base(self.x + other.x)
        if i % 3 == 0:
            del Base.__add__


threads = [threading.Thread(target=user, args=(k,)) for k in range(THREADS)]
threads.append(threading.Thread(target=swapper))
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures[:5]
assert results == [CALLS] * THREADS, results
assert sum(counts) == THREADS * CALLS * 2, counts
print("class_dunder_shared ok")
