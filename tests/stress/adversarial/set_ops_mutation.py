# Set algebra (union, intersection, difference, symmetric difference,
# issubset, update) on sets other threads mutate, with members whose
# __eq__ touches a third set: results contain only real members.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 3
ITERS = 2000
a = set(range(0, 300))
b = set(range(150, 450))
noise = set()


class Odd:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v

    def __eq__(self, other):
        noise.add(self.v % 10)
        return isinstance(other, Odd) and other.v == self.v or other == self.v


stop = False


def mutator(k):
    i = 0
    while not stop:
        a.add(Odd(1000 + i % 50))
        a.discard(Odd(1000 + (i + 25) % 50))
        v = i % 7 + 500
        if v in b:
            b.discard(v)
        else:
            b.add(v)
        i += 1


def reader():
    for _ in range(ITERS):
        u = a | b
        n = a & b
        m = a - b
        x = a ^ b
        assert set(range(150, 300)) <= n | {o for o in n if isinstance(o, Odd)}
        assert len(u) >= len(m) and all(isinstance(v, (int, Odd)) for v in x)
        assert set(range(0, 150)) <= m
        c = set(a)
        c.update(b)
        assert set(range(0, 450)) <= c


threads = [threading.Thread(target=mutator, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
reader()
stop = True
for t in threads:
    t.join()
assert noise <= set(range(10))
adv_harness.finish()
