# __class__ assignment while other threads use the objects: one thread flips
# shared objects between two compatible classes while others call their
# methods, read class and instance attributes, test isinstance and add
# attributes. Every call sees one class or the other, never a mix that
# loses data: instance attributes survive every flip, and at the end each
# object has the class its last flip gave it.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

OBJECTS = 64
FLIPS = 3000
READERS = 3


class Base:
    def __init__(self, i):
        self.i = i
        self.notes = []


class Red(Base):
    color = "red"

    def describe(self):
        return ("red", self.i)


class Blue(Base):
    color = "blue"

    def describe(self):
        return ("blue", self.i)

    @property
    def shade(self):
        return "navy"


objs = [Red(i) for i in range(OBJECTS)]
done = threading.Event()
start = threading.Barrier(READERS + 1)


def flipper():
    start.wait()
    try:
        for n in range(FLIPS):
            o = objs[n % OBJECTS]
            o.__class__ = Blue if type(o) is Red else Red
    finally:
        done.set()  # the readers stop even if a flip failed


def reader(k):
    start.wait()
    n = 0
    while not done.is_set() or n < 2000:
        o = objs[(n * 7 + k) % OBJECTS]
        kind, i = o.describe()
        assert kind in ("red", "blue") and i == o.i, (kind, i)
        assert o.color in ("red", "blue")
        assert isinstance(o, Base) and type(o) in (Red, Blue)
        if n % 50 == 0:
            o.notes.append((k, n))
        n += 1


threads = [threading.Thread(target=flipper)] + [threading.Thread(target=reader, args=(k,)) for k in range(READERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

flips_per_object = [len(range(i, FLIPS, OBJECTS)) for i in range(OBJECTS)]
for i, o in enumerate(objs):
    assert o.i == i
    assert type(o) is (Blue if flips_per_object[i] % 2 else Red), (i, type(o))
    assert o.describe()[0] == ("blue" if flips_per_object[i] % 2 else "red")
total_notes = sum(len(o.notes) for o in objs)
assert total_notes > 0
assert all(len(set(o.notes)) == len(o.notes) for o in objs)
adv_harness.finish()
