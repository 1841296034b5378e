# __index__, __len__ and __iter__ callbacks that mutate the container they
# are called from, while other threads mutate it too.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 2000
shared = list(range(100))


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        shared.append(self.v)  # grows the list being indexed
        if len(shared) > 400:
            del shared[200:]
        return self.v


class Liar:
    """__len__ says one thing, __iter__ yields another and mutates `shared`."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        shared.pop() if len(shared) > 50 else shared.append(0)
        return 10**6 if self.n % 2 else 0

    def __iter__(self):
        for i in range(self.n):
            shared.insert(0, i)
            yield i


def worker(k):
    for i in range(ITERS):
        try:
            shared[Idx(i % 50)]
        except IndexError:
            pass
        shared[Idx(i % 50):Idx(i % 50 + 5)]
        got = list(Liar(i % 7))
        assert got == list(range(i % 7)), got


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert all(isinstance(x, int) for x in shared)
assert len(shared) == len(list(shared))
adv_harness.finish()
