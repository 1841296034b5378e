# repr of self-containing lists and dicts, and a __repr__ that recurses
# through them, while other threads append, pop and rewire the cycles:
# a string each time, with "[...]" / "{...}" for the cycles.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 3
ITERS = 1500
a = [1]
a.append(a)
d = {"self": None}
d["self"] = d
d["list"] = a


class Wrapper:
    def __init__(self, inner):
        self.inner = inner

    def __repr__(self):
        return f"W({self.inner!r})"


a.append(Wrapper(a))
stop = False


def mutator(k):
    i = 0
    while not stop:
        a.append(Wrapper(d) if i % 2 else a)
        if len(a) > 30:
            del a[3:10]
        d[k] = [a, d]
        i += 1


def reader():
    for _ in range(ITERS):
        r = repr(a)
        assert r.startswith("[1, [...]") and r.endswith("]"), r[:40]
        s = repr(d)
        assert s.startswith("{'self': {...}") and s.endswith("}"), s[:40]


ts = [threading.Thread(target=mutator, args=(k,)) for k in range(THREADS)]
for t in ts:
    t.start()
reader()
stop = True
for t in ts:
    t.join()
adv_harness.finish()
