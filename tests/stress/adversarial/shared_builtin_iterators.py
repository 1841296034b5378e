# One builtin iterator shared by several threads hands out each item exactly
# once: list, tuple, range, str, reversed, dict views, set, enumerate, zip,
# map and filter. (CPython 3.11's GIL gives this; ftpy keeps it without one,
# where CPython 3.13t yields duplicates.)
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
N = 2000
ROUNDS = 2


def drain_shared(make_iter):
    it = make_iter()
    parts = [[] for _ in range(THREADS)]
    start = threading.Barrier(THREADS)

    def worker(k):
        out = parts[k]
        start.wait()
        for x in it:
            out.append(x)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Exhausted for good, for every thread.
    assert next(it, "done") == "done"
    return [x for part in parts for x in part]


data = list(range(N))
d = {i: -i for i in range(N)}
cases = {
    "list": (lambda: iter(data), data),
    "tuple": (lambda: iter(tuple(data)), data),
    "range": (lambda: iter(range(N)), data),
    "range step": (lambda: iter(range(-N, N, 2)), list(range(-N, N, 2))),
    "str": (lambda: iter("".join(chr(0x41 + i % 50) for i in range(N))),
            ["".join(chr(0x41 + i % 50) for i in range(N))[i] for i in range(N)]),
    "reversed": (lambda: reversed(data), data),
    "dict keys": (lambda: iter(d), data),
    "dict values": (lambda: iter(d.values()), [-i for i in data]),
    "dict items": (lambda: iter(d.items()), list(d.items())),
    "set": (lambda: iter(set(data)), data),
    "enumerate": (lambda: enumerate(data, 7), [(i + 7, i) for i in data]),
    "zip": (lambda: zip(data, reversed(data)), list(zip(data, reversed(data)))),
    "map": (lambda: map(lambda a, b: a * 3 + b, data, data), [a * 4 for a in data]),
    "filter": (lambda: filter(lambda v: v % 3, data), [v for v in data if v % 3]),
    "nested": (lambda: enumerate(zip(iter(data), map(str, range(N)))),
               list(enumerate(zip(data, map(str, range(N)))))),
}
for rnd in range(ROUNDS):
    for name, (make_iter, expected) in cases.items():
        got = drain_shared(make_iter)
        assert len(got) == len(expected), (name, len(got), len(expected))
        assert sorted(got, key=repr) == sorted(expected, key=repr), name
adv_harness.finish()
