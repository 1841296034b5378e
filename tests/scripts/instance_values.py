# Instance attributes kept in values arrays indexed by the class's shared
# keys (design/instance-values.md): what a dict
# would show, at every point where the array gives way to a dict.
import copy
import gc
import pickle
import weakref


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
print(p.x, p.y, vars(p), p.__dict__ is vars(p))

# Insertion order survives deletes, re-adds and other instances' orders.
q = P(3, 4)
q.z = 5
del q.x
print(q.__dict__)
q.x = 9
print(q.__dict__)
r = P(5, 6)
del r.y
r.y = 7
print(r.__dict__, r.y)
t = P(0, 0)
t.w = 1
t.x = 2  # replaced: keeps its place
print(list(t.__dict__))
s = P(1, 1)
s.w = 2
del s.w
for action in ("s.w", "del s.w"):
    try:
        exec(action)
    except AttributeError as e:
        print(type(e).__name__, e)
other = P.__new__(P)
other.y = 1
other.x = 2  # the class's keys have x before y
print(list(vars(other)))
print(vars(P.__new__(P)))

# More names than the class shares: later ones go to a dict.
class Many:
    pass


m = Many()
for i in range(40):
    setattr(m, "a%d" % i, i)
print(sum(getattr(m, "a%d" % i) for i in range(40)), len(m.__dict__), list(m.__dict__)[-3:])
m2 = Many()
m2.a39 = 1
m2.a0 = 2
m2.a5 = 3
print(list(m2.__dict__), m2.a39, m2.a0)

# Names that are str subclasses, or built at run time.
class Name(str):
    pass


n = P(1, 2)
setattr(n, Name("x"), 10)
setattr(n, "".join(["y"]), 20)
print(n.x, n.y, getattr(n, Name("y")), vars(n))

# __dict__ replaced, deleted, written to directly.
d = P(1, 2)
d.__dict__ = {"k": 1}
print(d.k, vars(d), hasattr(d, "x"))
del d.__dict__
print(vars(d))
d.x = 5
print(vars(d), d.x)
e = P(1, 2)
e.__dict__["x"] = 100
e.__dict__["new"] = 7
print(e.x, e.new, vars(e))
e.y = 3
print(vars(e))

# __class__ assignment between classes with different keys.
class Q:
    pass


o = P(1, 2)
o.__class__ = Q
print(type(o).__name__, o.__dict__, o.x)
o.q = 3
o.__class__ = P
print(vars(o), o.q)

# Methods shadowed by instance attributes, copies, pickles, slots beside
# a dict, weak references, the collector.
class M:
    def f(self):
        return "method"


mo = M()
print(mo.f())
mo.f = lambda: "attribute"
print(mo.f())
del mo.f
print(mo.f())
c = copy.copy(P(8, 9))
print(vars(c), vars(copy.deepcopy(P([1], {2: 3}))))
print(vars(pickle.loads(pickle.dumps(P("a", "b")))))


class S:
    __slots__ = ("a", "__dict__", "__weakref__")


so = S()
so.a = 1
so.b = 2
print(so.a, so.b, vars(so))
wr = weakref.ref(so)
print(wr() is so)


class Cyc:
    pass


a, b = Cyc(), Cyc()
a.b, b.a = b, a
print(sorted(type(x).__name__ for x in gc.get_referents(a)))
del a, b
print(gc.collect() >= 2)


class Counted:
    def __init__(self):
        self.v = 0

    def bump(self):
        self.v += 1
        return self


obj = Counted()
for _ in range(1000):
    obj.bump()
print(obj.v, obj.__getstate__())
