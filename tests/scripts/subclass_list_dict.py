# Classes derived from list and dict: construction through __new__ and
# __init__, instance attributes beside the items, overridden dunders that
# the builtin's fast paths must respect, and what operations return.

class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]

s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), type(s).__name__, isinstance(s, list), type(s).__mro__)
s.label = "main"
print(s.label, s.__dict__, vars(s))
del s.label
print(hasattr(s, "label"), s.__dict__)
print(type(s + [4]).__name__, type(s * 2).__name__, type(s[:1]).__name__, type(s.copy()).__name__)
print(s == [1, 2, 3], s != [1, 2], sorted(Stack([3, 1, 2])), list(reversed(s)))
s.sort(reverse=True)
print(s, s.index(2), s.count(3), 2 in s)
s += [0]
print(s, type(s).__name__)
s[0] = 9
del s[1]
print(s, s.pop(), s)


class Logged(list):
    def __init__(self, items, tag):
        super().__init__(items)
        self.tag = tag
    def __iter__(self):
        print("iter", self.tag)
        return super().__iter__()
    def __getitem__(self, i):
        return ("item", list.__getitem__(self, i))
    def __len__(self):
        return 100


lg = Logged([1, 2, 3], "L")
print(lg.tag, lg[0], len(lg), list.__len__(lg))
print(list(lg))
print(tuple(lg))
a, b, c = lg
print(a, b, c)
print([x for x in lg])
print(sum(lg), max(lg))
print(repr(lg), str(lg))


class Reinit(list):
    pass


r = Reinit("abc")
r.__init__("xy")
print(r)
try:
    Reinit(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    Reinit(key=1)
except TypeError as e:
    print("TypeError", e)


class Counter(dict):
    def __init__(self, iterable=(), **kw):
        super().__init__(**kw)
        for x in iterable:
            self[x] += 1
    def __missing__(self, key):
        return 0
    def most_common(self):
        return sorted(self.items(), key=lambda kv: (-kv[1], kv[0]))


c = Counter("abracadabra", z=7)
print(c, c["a"], c["q"], "q" in c, c.get("q"), c.most_common()[:3])
print(type(c).__name__, isinstance(c, dict), len(c), sorted(c))
print(type(c.copy()).__name__, type(c | {}).__name__, dict(c) == c)


class Recording(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
    def __getitem__(self, k):
        print("get", k)
        return super().__getitem__(k)
    def __delitem__(self, k):
        print("del", k)
        super().__delitem__(k)


rd = Recording(a=1)
rd["b"] = 2
print(rd["b"], rd.get("a"), rd)
del rd["a"]
rd.update(c=3)          # dict.update stores directly, as CPython
print(rd, rd.setdefault("d", 4), rd.pop("d"))


class Default(dict):
    def __init__(self, factory):
        super().__init__()
        self.factory = factory
    def __missing__(self, key):
        v = self[key] = self.factory()
        return v


dd = Default(list)
dd["x"].append(1)
dd["x"].append(2)
dd["y"]
print(dd, dd.factory)
try:
    Default(list)["k"] = Default(list)["missing"] + 1
except TypeError as e:
    print("TypeError", e)


class Strict(dict):
    pass


try:
    Strict()["missing"]
except KeyError as e:
    print("KeyError", e)
print(Strict({1: 2}, x=3), Strict([(1, 2)]), Strict(), repr(Strict(a=Strict(b=1))))
try:
    Strict(1, 2)
except TypeError as e:
    print("TypeError", e)

# A namespace mapping for exec, and a dict subclass as a class body namespace.
g = Strict(x=2)
exec("y = x * 21", g)
print(g["y"], type(g).__name__)


# Mixins before the builtin base.
class Sized:
    def describe(self):
        return "%s of %d" % (type(self).__name__, len(self))


class Bag(Sized, list):
    pass


class Table(Sized, dict):
    pass


print(Bag([1, 2]).describe(), Table(a=1).describe(), Bag() == [], hash(Sized()) is not None)
try:
    hash(Bag())
except TypeError as e:
    print("TypeError", e)
try:
    hash(Table())
except TypeError as e:
    print("TypeError", e)


# Deeper hierarchies and __class__ assignment between compatible classes.
class A(list):
    pass


class B(A):
    def extra(self):
        return "B"


x = A([1])
x.__class__ = B
print(type(x).__name__, x.extra(), x)
try:
    x.__class__ = Strict
except TypeError as e:
    print("TypeError", e)


# type() builds such classes too.
Dyn = type("Dyn", (dict,), {"keys_sorted": lambda self: sorted(self)})
print(Dyn(b=1, a=2).keys_sorted(), Dyn.__base__, Dyn.__bases__)
