# __bases__ assignment while other threads use the classes: one thread
# flips a class in the middle of a hierarchy between two compatible bases
# (and, every few flips, to both), while readers call methods through
# super(), use special methods (len, +, iteration, ==), read inherited
# class attributes, test isinstance/issubclass and make new instances of
# the classes below it. Each answer must come from one of the bases the
# class had at some moment; instance data survives every flip; at the end
# the hierarchy has the bases the last flip gave it.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

FLIPS = 1500
READERS = 3
MIN_READS = 3000


class Root:
    def __init__(self, i):
        self.i = i

    def who(self):
        return "root"


class Left(Root):
    side = "left"

    def who(self):
        return "left"

    def __len__(self):
        return 1

    def __add__(self, other):
        return ("left", other)

    def __iter__(self):
        return iter((1,))


class Right(Root):
    side = "right"

    def who(self):
        return "right"

    def __len__(self):
        return 2

    def __add__(self, other):
        return ("right", other)

    def __iter__(self):
        return iter((2, 2))


class Middle(Left):
    def who(self):
        return "middle>" + super().who()


class Leaf(Middle):
    pass


class Leaf2(Middle, Root):
    pass


SHAPES = [(Left,), (Right,), (Left, Right)]
objs = [Leaf(i) for i in range(32)] + [Leaf2(i) for i in range(32)]
done = threading.Event()
start = threading.Barrier(READERS + 1)


def flipper():
    start.wait()
    try:
        for n in range(FLIPS):
            Middle.__bases__ = SHAPES[n % 3]
    finally:
        done.set()


def reader(k):
    start.wait()
    n = 0
    while not done.is_set() or n < MIN_READS:
        o = objs[(n * 5 + k) % len(objs)]
        who = o.who()
        assert who in ("middle>left", "middle>right"), who
        size = len(o)
        assert size in (1, 2), size
        tag, other = o + n
        assert tag in ("left", "right") and other == n, (tag, other)
        items = list(o)
        assert items in ([1], [2, 2]), items
        assert o.side in ("left", "right")
        assert isinstance(o, Middle) and isinstance(o, Root) and issubclass(type(o), Middle)
        # One snapshot of the MRO: two isinstance calls may straddle two
        # flips ((Right,) for the first, (Left,) for the second), which
        # CPython 3.11 itself showed under its GIL.
        mro = type(o).__mro__
        assert Left in mro or Right in mro, mro
        assert o.i == (n * 5 + k) % len(objs) % 32
        if n % 100 == 0:
            fresh = (Leaf if n % 200 else Leaf2)(n)
            assert fresh.i == n and fresh.who().startswith("middle>")
            assert Leaf.__mro__[0] is Leaf and Leaf.__mro__[-1] is object
        n += 1


threads = [threading.Thread(target=flipper)] + [threading.Thread(target=reader, args=(k,)) for k in range(READERS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

last = SHAPES[(FLIPS - 1) % 3]
assert Middle.__bases__ == last, Middle.__bases__
expected = {(Left,): ["Leaf", "Middle", "Left", "Root", "object"],
            (Right,): ["Leaf", "Middle", "Right", "Root", "object"],
            (Left, Right): ["Leaf", "Middle", "Left", "Right", "Root", "object"]}[last]
assert [k.__name__ for k in Leaf.__mro__] == expected, Leaf.__mro__
assert [k.__name__ for k in Leaf2.__mro__] == ["Leaf2"] + expected[1:], Leaf2.__mro__
assert Middle in Left.__subclasses__() and (Middle in Right.__subclasses__()) == (Right in last)
assert sorted(o.i for o in objs) == sorted(list(range(32)) * 2)
print(len(objs[0]), objs[0].who())
adv_harness.finish()
