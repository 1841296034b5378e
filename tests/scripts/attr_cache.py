# Attribute loads at sites that ftpy caches (src/vm/attr_cache.h): every
# change that must invalidate a cached entry, made after the site has run
# often enough to hold one. Output checked against CPython 3.11.


def read_x(objs):
    return [o.x for o in objs]


def read_x_fast(o):
    return o.x  # LOAD_FAST_ATTR


def read_many(o, n):
    total = 0
    for _ in range(n):
        total += o.x
    return total


def attempt(f, *args):
    try:
        return f(*args)
    except Exception as e:
        return f"{type(e).__name__}: {e}"


# Instance values, and a polymorphic site: the same name at different
# positions in three classes' shared keys.
class A:
    def __init__(self, x):
        self.x = x


class B:
    def __init__(self, x):
        self.y = "y"
        self.x = x


class C:
    def __init__(self, x):
        self.z = "z"
        self.y = "y"
        self.x = x


objs = [A(1), B(2), C(3)] * 3
for _ in range(50):
    r = read_x(objs)
print("polymorphic", r)
print("monomorphic", read_many(A(5), 100))

# A property added to the class after the site is warm wins over the
# instance's value; deleting it brings the value back.
a = A(10)
for _ in range(50):
    read_x_fast(a)
A.x = property(lambda self: "property")
print("property added", read_x_fast(a), read_many.__name__)
del A.x
print("property removed", read_x_fast(a))

# A data descriptor added to a base reaches a subclass two levels down.
class Base:
    pass


class Mid(Base):
    pass


class Leaf(Mid):
    def __init__(self):
        self.x = "instance"


leaf = Leaf()
for _ in range(50):
    read_x_fast(leaf)


class Getter:
    def __get__(self, obj, owner):
        return "descriptor"

    def __set__(self, obj, value):
        raise AttributeError("read-only")


Base.x = Getter()
print("base descriptor", read_x_fast(leaf))
del Base.x
print("base descriptor removed", read_x_fast(leaf))

# __getattribute__ added later is called; __getattr__ answers misses.
class G:
    def __init__(self):
        self.x = 1


g = G()
for _ in range(50):
    read_x_fast(g)
G.__getattribute__ = lambda self, name: f"getattribute {name}"
print("getattribute", read_x_fast(g))
del G.__getattribute__
print("getattribute removed", read_x_fast(g))
del g.x
print("deleted", attempt(read_x_fast, g))
G.__getattr__ = lambda self, name: f"getattr {name}"
print("getattr", read_x_fast(g))

# The class default behind an instance value, and a method shadowed by one.
class D:
    x = "class default"

    def m(self):
        return "method"


d1, d2 = D(), D()
d1.x = "own"
for _ in range(50):
    r = (read_x_fast(d1), read_x_fast(d2))
print("defaults", r)
d1.m = lambda: "instance callable"
print("shadowed method", d1.m(), d2.m())

# __dict__ made, replaced and deleted under a warm site.
a = A(1)
for _ in range(50):
    read_x_fast(a)
vars(a)["x"] = "through vars"
print("vars", read_x_fast(a))
a.__dict__ = {"x": "replaced dict"}
print("dict replaced", read_x_fast(a))
del a.__dict__
print("dict deleted", attempt(read_x_fast, a))

# __class__ assignment between classes that keep x at different positions.
b = B("b")
for _ in range(50):
    read_x_fast(b)
b.__class__ = C
print("class switched", type(b).__name__, read_x_fast(b), b.y)
b.__class__ = A
print("class switched back", type(b).__name__, read_x_fast(b))

# __bases__ assignment that brings a data descriptor into the MRO.
class P1:
    pass


class P2:
    x = property(lambda self: "from P2")


class K(P1):
    def __init__(self):
        self.x = "instance"


k = K()
for _ in range(50):
    read_x_fast(k)
K.__bases__ = (P2,)
print("bases", read_x_fast(k))
K.__bases__ = (P1,)
print("bases back", read_x_fast(k))

# Slots: read, deleted, replaced by a property in a subclass, and a
# descriptor put over the slot in the class itself.
class S:
    __slots__ = ("x", "y")

    def __init__(self, x):
        self.x = x
        self.y = -x


class T(S):
    __slots__ = ()


class U(S):
    x = property(lambda self: "U property", lambda self, v: None)


objs = [S(1), T(2), S(3)]
for _ in range(50):
    r = read_x(objs)
print("slots", r)
s = S(4)
for _ in range(50):
    read_x_fast(s)
del s.x
print("slot deleted", attempt(read_x_fast, s))
s.x = 7
print("slot set", read_x_fast(s))
print("subclass property", read_x_fast(U(5)))
slot_member = S.x
S.x = property(lambda self: "S property")
print("slot shadowed", read_x_fast(s))
S.x = slot_member
print("slot back", read_x_fast(s))

# More names than the shared keys hold: later ones live in a dict.
class Wide:
    def __init__(self):
        for i in range(40):
            setattr(self, f"a{i}", i)
        self.x = "wide"


w = Wide()
for _ in range(50):
    r = read_x_fast(w)
print("wide", r, w.a39)

# A class made in a loop, dropped, and another at the same place.
for i in range(200):
    cls = type(f"Gen{i % 3}", (), {})
    o = cls()
    o.x = i
    r = read_x_fast(o)
print("generated classes", r)

# A class attribute counter: every store changes the class.
class Counter:
    n = 0

    def __init__(self):
        self.x = "instance"


c = Counter()
for i in range(100):
    Counter.n += 1
    r = read_x_fast(c)
print("counter", Counter.n, r)

# Values stored after the site is warm, and instances made before.
class V:
    pass


old = V()
new_objs = []
for i in range(60):
    v = V()
    v.x = i
    new_objs.append(v)
print("late values", sum(read_x(new_objs)), attempt(read_x_fast, old))
old.x = "late"
print("late store", read_x_fast(old))

# Method calls (LOAD_METHOD's cache): the same site over several classes,
# methods replaced on the class and on a base, shadowed by one instance's
# attribute (in its values array, then in its dict), __getattribute__ added,
# builtin methods, and slots-only classes.
def call_m(objs):
    return [o.m() for o in objs]


class M1:
    def m(self):
        return "M1.m"


class M2(M1):
    def m(self):
        return "M2.m"


class M3(M1):
    pass


class MS:
    __slots__ = ("v",)

    def __init__(self):
        self.v = "slot"

    def m(self):
        return "MS.m " + self.v


objs = [M1(), M2(), M3(), MS()]
for _ in range(50):
    r = call_m(objs)
print("methods", r)
M1.m = lambda self: "M1.m replaced"
print("class method replaced", call_m(objs))
shadowed = M3()
for _ in range(50):
    r = call_m([M3()])  # a site that holds M3's entry
shadowed.m = lambda: "instance attribute"
print("shadowed", r, call_m([M3(), shadowed, M3()]))
del shadowed.m
print("shadow deleted", call_m([shadowed]))
vars(shadowed)["m"] = lambda: "dict entry"
print("dict shadow", call_m([shadowed, M3()]))
M3.__getattribute__ = lambda self, name: (lambda: f"getattribute {name}")
print("getattribute", call_m([M3(), M2()]))
del M3.__getattribute__
print("getattribute removed", call_m([M3()]))


def grow(lst, n):
    for i in range(n):
        lst.append(i)
    return lst


class MyList(list):
    def append(self, x):
        super().append(x * 10)


for _ in range(20):
    a = grow([], 5)
    b = grow(MyList(), 5)
print("builtin methods", a, b)

# Classes derived from one base whose __init__ sets the attributes keep
# them at the same positions: a site in the base's methods serves them all
# from one entry, unless a class answers the name some other way.
class Task:
    def __init__(self, n):
        self.n = n
        self.state = "new"

    def get(self):
        return self.n

    def bump(self):
        self.n = self.n + 1

    def put(self, v):
        self.n = v


class Worker(Task):
    pass


class Handler(Task):
    pass


class Shadowy(Task):
    n = property(lambda self: "property n", lambda self, v: None)


class Watched(Task):
    def __getattribute__(self, name):
        if name == "n":
            return "getattribute n"
        return object.__getattribute__(self, name)


class Logged(Task):
    def __setattr__(self, name, value):
        object.__setattr__(self, name, ("logged", value) if name == "n" else value)


class Reordered(Task):
    def __init__(self, n):
        self.state = "first"
        self.n = n


tasks = [Task(1), Worker(2), Handler(3), Reordered(4)]
for _ in range(50):
    r = [t.get() for t in tasks]
print("same positions", r)
odd = [Shadowy(5), Watched(6), Reordered(7)]
print("other answers", [t.get() for t in odd])
for t in tasks:
    t.bump()
print("stores", [t.get() for t in tasks])
for _ in range(50):
    for t in tasks[:3]:  # one position: the site's entry is one of theirs
        t.put(t.n)
lg = Logged(8)
lg.put(5)
sh = Shadowy(1)
sh.put(99)
print("setattr", lg.n, sh.n, vars(sh))
class_level = Worker(9)
del class_level.n
Worker.n = "class attribute n"
print("absent value", class_level.get(), Task(10).get())
del Worker.n
print("deleted class attribute", attempt(class_level.get))
