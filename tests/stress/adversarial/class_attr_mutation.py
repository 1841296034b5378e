# Class attributes set, deleted and shadowed while other threads read them
# through instances and subclasses: a read sees some value that was stored,
# or the documented default, never garbage.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 5000


class Base:
    limit = 0


class Child(Base):
    pass


stop = False


def writer():
    i = 0
    while not stop:
        i += 1
        Base.limit = i
        Child.extra = i
        if i % 3 == 0:
            del Child.extra
        Base.flag = i % 2 == 0


def reader(k):
    last = -1
    c = Child()
    for _ in range(ITERS):
        v = c.limit
        assert isinstance(v, int) and v >= 0
        e = getattr(c, "extra", None)
        assert e is None or isinstance(e, int)
        f = getattr(Child, "flag", None)
        assert f in (None, True, False)
        if k == 0:
            c.limit = -5  # instance attribute shadows the class one
            assert c.limit == -5
            del c.limit
        last = v


w = threading.Thread(target=writer)
w.start()
threads = [threading.Thread(target=reader, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
stop = True
w.join()
assert Base.limit > 0 and Child().limit == Base.limit
adv_harness.finish()
