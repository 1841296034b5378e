# __slots__: member descriptors, instances without a __dict__, inheritance
# of slot layouts, name mangling, and CPython's errors for each misuse.


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y


p = Point(3, 4)
print(p.x, p.y, p.norm2())
p.x = 10
print(p.x, p.norm2())
attempt("no dict", lambda: p.__dict__)
attempt("new attr", lambda: setattr(p, "z", 1))
attempt("vars", lambda: vars(p))
print(hasattr(p, "__dict__"), hasattr(p, "x"))
del p.y
attempt("deleted", lambda: p.y)
attempt("delete again", lambda: delattr(p, "y"))
print(getattr(p, "y", "default"))
p.y = 7
print(p.y)

# The descriptors themselves.
print(Point.x, type(Point.x).__name__, Point.x.__name__, Point.x.__objclass__.__name__)
print(sorted(k for k in Point.__dict__ if not k.startswith("__")), Point.__slots__)
print(Point.x.__get__(p, Point), Point.x.__get__(None, Point) is Point.x)
Point.y.__set__(p, 99)
print(p.y)
Point.y.__delete__(p)
print(hasattr(p, "y"))
attempt("wrong instance get", lambda: Point.x.__get__(3))
attempt("wrong instance set", lambda: Point.x.__set__("s", 1))


class Empty:
    __slots__ = ()


attempt("empty slots store", lambda: setattr(Empty(), "a", 1))


# A string is one slot name.
class One:
    __slots__ = "only"


o = One()
o.only = [1]
print(o.only, One.__slots__)


# Private names are mangled, as in the class body.
class Secret:
    __slots__ = ("__key", "_Secret__other_ok")

    def __init__(self):
        self.__key = 42

    def key(self):
        return self.__key


s = Secret()
print(s.key(), s._Secret__key, sorted(k for k in Secret.__dict__ if "key" in k))


# A subclass without __slots__ has a dict again; its base's slots still work.
class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


q = Point3(1, 2, 3)
print(q.x, q.y, q.z, q.__dict__)


# A subclass adding slots continues its base's layout.
class Point4(Point):
    __slots__ = ("w",)

    def __init__(self):
        super().__init__(5, 6)
        self.w = 8


r = Point4()
print(r.x, r.y, r.w, r.norm2())
attempt("still no dict", lambda: setattr(r, "v", 0))


# __dict__ in the slots gives a dict as well.
class WithDict:
    __slots__ = ("a", "__dict__")


w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.b, w.__dict__)

# A slot wins over the instance dict: it is a data descriptor.
w.__dict__["a"] = "shadow"
print(w.a)


# Class attributes stay readable through instances; only stores need slots.
class Defaults:
    __slots__ = ("value",)
    kind = "default-kind"


d = Defaults()
print(d.kind)
attempt("store over class attr", lambda: setattr(d, "kind", "x"))
attempt("delete class attr", lambda: delattr(d, "kind"))
attempt("delete unknown", lambda: delattr(d, "nothing"))

# Several bases: one may have slots, the others only empty ones.


class Mixin:
    __slots__ = ()

    def describe(self):
        return "mixin " + str(self.x)


class Mixed(Point, Mixin):
    __slots__ = ()


m = Mixed(1, 1)
print(m.describe(), m.norm2())


# __class__ assignment between classes with the same layout.
class OtherPoint:
    __slots__ = ("x", "y")


class Plain:
    pass


op = OtherPoint()
op.x, op.y = 1, 2
op.__class__ = Point
print(type(op).__name__, op.norm2())
attempt("layout differs", lambda: setattr(Point(0, 0), "__class__", Plain))

# Errors, as CPython words them.
attempt("not identifier", lambda: type("Bad", (), {"__slots__": ("1x",)}))
attempt("not string", lambda: type("Bad", (), {"__slots__": (1,)}))
attempt("not iterable", lambda: type("Bad", (), {"__slots__": 3}))
attempt("conflict", lambda: type("Bad", (), {"__slots__": ("a",), "a": 1}))
attempt("two dicts", lambda: type("Bad", (), {"__slots__": ("__dict__", "__dict__")}))
attempt("dict again", lambda: type("Bad", (WithDict,), {"__slots__": ("__dict__",)}))


class A:
    __slots__ = ("a",)


class B:
    __slots__ = ("b",)


attempt("layout conflict", lambda: type("AB", (A, B), {}))
print("done")


# object.__setattr__ goes through data descriptors (slots, properties), not
# around them, and still bypasses a class's own __setattr__.
class Guarded:
    __slots__ = ("value",)

    def __setattr__(self, name, v):
        raise AttributeError("read-only through normal assignment")


g = Guarded()
attempt("guarded", lambda: setattr(g, "value", 1))
object.__setattr__(g, "value", 2)
print(g.value)
attempt("object.__setattr__ undeclared", lambda: object.__setattr__(g, "other", 1))
object.__delattr__(g, "value")
attempt("deleted via object", lambda: g.value)


class WithProperty:
    def __init__(self):
        self.log = []

    @property
    def p(self):
        return "p"

    @p.setter
    def p(self, v):
        self.log.append(v)


w = WithProperty()
object.__setattr__(w, "p", 5)
print(w.log, w.__dict__.get("p", "not in dict"))


# A class's __setattr__ runs before data descriptors; super().__setattr__
# then reaches the property's setter.
class Hooked:
    @property
    def p(self):
        return 1

    @p.setter
    def p(self, v):
        print("setter", v)

    def __setattr__(self, n, v):
        print("hook", n, v)
        super().__setattr__(n, v)


h = Hooked()
h.p = 3
h.q = 4
print(h.__dict__)


# A slot named "__" is not mangled (it ends with two underscores).
class Bare:
    __slots__ = ("__", "__x")


print(sorted(k for k in vars(Bare) if k.startswith("_") and k not in ("__module__", "__doc__", "__slots__")))
