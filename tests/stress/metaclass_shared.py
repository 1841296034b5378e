# Classes built by one shared metaclass in many threads at once, instances
# of a shared metaclass class created concurrently (its __call__ counts them
# under a lock), __init_subclass__ registering into a shared list, and a
# shared instance read and written through a data descriptor (whose
# __set__ keeps a locked running total). Every count is exact.
import threading

THREADS = 6
CLASSES = 150
ITERS = 4000


class Counted(type):
    lock = threading.Lock()
    made = 0
    calls = 0

    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns, **kw)
        with Counted.lock:
            Counted.made += 1
        return cls

    def __call__(cls, *args):
        with Counted.lock:
            Counted.calls += 1
        return super().__call__(*args)


class Base(metaclass=Counted):
    subclasses = []

    def __init_subclass__(cls, owner=None, **kw):
        super().__init_subclass__(**kw)
        Base.subclasses.append((owner, cls.__name__))


class Total:
    """A data descriptor: the value lives in the instance dict; every store
    also adds to a shared total under a lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.total = 0

    def __set_name__(self, owner, name):
        self.key = "_" + name

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return obj.__dict__.get(self.key, 0)

    def __set__(self, obj, value):
        with self.lock:
            self.total += value
        obj.__dict__[self.key] = value


class Shared(Base):
    amount = Total()

    def __init__(self, n):
        self.n = n


shared = Shared(0)
barrier = threading.Barrier(THREADS)


def worker(k):
    barrier.wait()
    made = []
    for i in range(CLASSES):

        class Local(Base, owner=k):
            value = i

        made.append(Local)
    assert [c.value for c in made] == list(range(CLASSES))
    assert all(type(c) is Counted for c in made)
    for i in range(ITERS):
        obj = Shared(i)
        assert obj.n == i and type(obj) is Shared
        shared.amount = 1
        assert shared.amount == 1
        assert Shared.amount is Shared.__dict__["amount"]


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert Counted.made == 2 + THREADS * CLASSES, Counted.made
assert Counted.calls == 1 + THREADS * ITERS, Counted.calls
assert Shared.__dict__["amount"].total == THREADS * ITERS, Shared.__dict__["amount"].total
owners = sorted(o for o, name in Base.subclasses if name == "Local")
assert owners == sorted(k for k in range(THREADS) for _ in range(CLASSES)), len(owners)
assert len(Base.subclasses) == 1 + THREADS * CLASSES
print("metaclass_shared ok")
