# Attribute inline caches (design/attr-cache.md) under threads: the cache
# word of a code object is shared by every thread that runs it. Readers run
# one function over instances of classes that keep the same name at
# different positions (and in slots), so the word keeps changing under them,
# while other threads change the classes (a property put over the name and
# removed, __class__ assignment, __bases__ assignment), and method calls
# through one site while methods are replaced and shadowed. Every value carries
# the name and the class it was stored under, so a read through an entry
# made for another class, or a stale one, is caught. Exact counts at the end.
import sys
import threading

THREADS = 4
ROUNDS = 3000


def run(workers):
    threads = [threading.Thread(target=w) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


class A:
    def __init__(self, tag):
        self.x = ("x", type(self).__name__, tag)
        self.y = ("y", type(self).__name__, tag)


class A2(A):  # A's positions: read through A's entry by position
    pass


class B:
    def __init__(self, tag):
        self.y = ("y", "B", tag)
        self.x = ("x", "B", tag)


class C:
    def __init__(self, tag):
        self.w = ("w", "C", tag)
        self.y = ("y", "C", tag)
        self.x = ("x", "C", tag)


class S:
    __slots__ = ("y", "x")

    def __init__(self, tag):
        self.y = ("y", "S", tag)
        self.x = ("x", "S", tag)


def read_x(o):
    return o.x


def read_y(o):
    return o.y


# 1. Polymorphic sites shared by all threads: each thread reads its own
# instances of four classes through the same two functions.
errors = []


def reader(k):
    def work():
        objs = [cls((k, i)) for i in range(8) for cls in (A, A2, B, C, S)]
        seen = 0
        for _ in range(ROUNDS // 10):
            for o in objs:
                x, y = read_x(o), read_y(o)
                name = type(o).__name__
                if x[0] != "x" or y[0] != "y" or x[1] != name or y[1] != name or x[2] != y[2]:
                    errors.append((x, y, name))
                seen += 1
        counts[k] = seen
    return work


counts = [0] * THREADS
run([reader(k) for k in range(THREADS)])
assert not errors, errors[:5]
assert counts == [ROUNDS // 10 * 40] * THREADS, counts

# 2. A property put over `x` and removed while readers run: a read gives
# either the instance's value or the property's, never anything else, and
# after the last removal every reader sees the value again.
class P:
    def __init__(self, k):
        self.x = ("x", "P", k)


prop = property(lambda self: ("x", "property", None))
stop = threading.Event()
outcomes = [[0, 0] for _ in range(THREADS)]


def tally_reader(k, o, own, other, tally):
    """Reads o.x until stop: each read is o's own value or the class's."""
    def work():
        while not stop.is_set():
            v = read_x(o)
            if v == own:
                tally[k][0] += 1
            elif v == other:
                tally[k][1] += 1
            else:
                errors.append(v)
    return work


def prop_reader(k):
    return tally_reader(k, P(k), ("x", "P", k), ("x", "property", None), outcomes)


def toggler():
    for _ in range(ROUNDS // 3):
        P.x = prop
        del P.x
    stop.set()


run([prop_reader(k) for k in range(THREADS)] + [toggler])
assert not errors, errors[:5]
assert all(sum(o) > 0 for o in outcomes), outcomes
assert all(read_x(P(k)) == ("x", "P", k) for k in range(THREADS))

# 3. __class__ assignment on shared instances between A and B (the same
# attributes in other positions; an assigned instance keeps a dict) while
# readers read them: x is always an x.
shared = [A(("shared", i)) for i in range(16)]
stop.clear()


SWITCHES = ROUNDS // 30  # each assignment stops the world


def class_switcher():
    for r in range(SWITCHES):
        for o in shared:
            o.__class__ = B if type(o) is A else A
    stop.set()


def shared_reader():
    n = 0
    while not stop.is_set():
        for o in shared:
            x = read_x(o)
            if x[0] != "x" or x[2][0] != "shared":
                errors.append(x)
            n += 1
    assert n > 0


run([shared_reader for _ in range(THREADS)] + [class_switcher])
assert not errors, errors[:5]
expected = 16 if SWITCHES % 2 == 0 else 0
assert sum(type(o) is A for o in shared) == expected

# 4. __bases__ assignment: K's x comes from the instance under base Plain
# and from a property under base WithProp.
class Plain:
    pass


class WithProp:
    x = property(lambda self: ("x", "WithProp", None))


class K(Plain):
    def __init__(self, k):
        self.x = ("x", "K", k)


stop.clear()
kinds = [[0, 0] for _ in range(THREADS)]


def bases_reader(k):
    return tally_reader(k, K(k), ("x", "K", k), ("x", "WithProp", None), kinds)


def bases_switcher():
    for r in range(ROUNDS // 10):
        K.__bases__ = (WithProp,)
        K.__bases__ = (Plain,)
    stop.set()


run([bases_reader(k) for k in range(THREADS)] + [bases_switcher])
assert not errors, errors[:5]
assert K.__bases__ == (Plain,) and read_x(K(0)) == ("x", "K", 0)
assert all(sum(k) > 0 for k in kinds), kinds

# 5. Method calls through one shared site (the method cache's two words):
# readers call m() on instances of three classes, each method naming its
# class; a writer swaps Q.m between two functions and shadows m on one
# shared instance. A call gets its own class's method (either of Q's two),
# or the shadowing attribute on that one instance, never another's.
class Q:
    def m(self):
        return "Q"


class R:
    def m(self):
        return "R"


class T:
    __slots__ = ()

    def m(self):
        return "T"


def q_other(self):
    return "Q2"


def call_m(o):
    return o.m()


allowed = {Q: {"Q", "Q2"}, R: {"R"}, T: {"T"}}
special = Q()
always = Q()
always.m = lambda: "always"  # shadowed for good: the check at every hit
stop.clear()
calls = [0] * THREADS


def method_reader(k):
    def work():
        objs = [Q(), R(), T(), special, Q(), always]
        n = 0
        while not stop.is_set():
            for o in objs:
                v = call_m(o)
                if o is always:
                    ok = v == "always"
                else:
                    ok = v in allowed[type(o)] or (o is special and v == "shadow")
                if not ok:
                    errors.append((type(o).__name__, v))
                n += 1
        calls[k] = n
    return work


def method_writer():
    original = Q.m
    for r in range(ROUNDS):
        Q.m = q_other if r % 2 == 0 else original
        if r % 3 == 0:
            special.m = lambda: "shadow"
        elif r % 3 == 1:
            del special.m
    Q.m = original
    if "m" in vars(special):
        del special.m
    stop.set()


run([method_reader(k) for k in range(THREADS)] + [method_writer])
assert not errors, errors[:5]
assert all(c > 0 for c in calls), calls
assert [call_m(o) for o in (Q(), R(), T(), special)] == ["Q", "R", "T", "Q"]

print("attr_cache_shared ok")
