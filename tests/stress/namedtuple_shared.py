# A namedtuple class shared by four threads: its _tuplegetter field
# descriptors are read through instances made by every thread while one
# thread keeps replacing a field's __doc__ (the descriptor's only mutable
# part) and reading it back; every field read returns its own item, every
# __doc__ read one of the strings written, and attempts to set a field fail.
import collections
import threading

THREADS = 4
ROUNDS = 20000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
Point = collections.namedtuple("Point", "x y z")
getter = Point.__dict__["y"]
docs = {f"doc {i}" for i in range(8)} | {getter.__doc__}
start = threading.Barrier(THREADS)


def worker(k):
    start.wait()
    total = 0
    for i in range(ROUNDS):
        p = Point(i, k, -i)
        assert (p.x, p.y, p.z) == (i, k, -i)
        total += p.y
        if k == 0:
            getter.__doc__ = f"doc {i % 8}"
        else:
            assert getter.__doc__ in docs
        if i % 1000 == 0:
            try:
                p.x = 1
            except AttributeError:
                pass
            else:
                raise AssertionError("set a namedtuple field")
    assert total == k * ROUNDS


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
print("ok")
