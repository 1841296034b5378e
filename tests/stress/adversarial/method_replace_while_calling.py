# A class's method is replaced over and over while other threads call it
# through instances, bound methods and the class: every call returns one of
# the versions that existed, and the counts add up.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 5000
VERSIONS = 50


class Service:
    def handle(self, x):
        return ("v0", x)


def make(v):
    def handle(self, x):
        return (f"v{v}", x)
    return handle


allowed = {f"v{v}" for v in range(VERSIONS + 1)}
seen = [set() for _ in range(THREADS)]
calls = [0] * THREADS
stop = False


def caller(k):
    s = Service()
    for i in range(ITERS):
        tag, x = s.handle(i)
        assert x == i and tag in allowed, (tag, x)
        bound = s.handle
        tag2, x2 = bound(i + 1)
        assert x2 == i + 1 and tag2 in allowed
        tag3, _ = Service.handle(s, 0)
        seen[k].update((tag, tag2, tag3))
        calls[k] += 1


def replacer():
    v = 0
    while not stop:
        v = v % VERSIONS + 1
        Service.handle = make(v)


r = threading.Thread(target=replacer)
r.start()
threads = [threading.Thread(target=caller, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
stop = True
r.join()
assert calls == [ITERS] * THREADS
assert set().union(*seen) <= allowed
adv_harness.finish()
