# Classes derived from int, float, complex, str, bytes, tuple, set and
# frozenset: values made by the builtin's __new__, instance attributes,
# inherited operators returning the plain builtin, and dunders reached by
# name (int.__add__, str.__eq__) and through super().

class Flag(int):
    def __new__(cls, value, name):
        self = int.__new__(cls, value)
        self.name = name
        return self
    def __repr__(self):
        return "<Flag %s=%d>" % (self.name, int(self))
    def __or__(self, other):
        return Flag(int(self) | int(other), self.name + "|" + getattr(other, "name", "?"))


R = Flag(4, "R")
W = Flag(2, "W")
print(R, W, R | W, R + 1, type(R + 1).__name__, R * W, -R, abs(Flag(-3, "n")), R == 4, hash(R) == hash(4))
print(isinstance(R, int), int(R), type(int(R)).__name__, float(R), R.bit_length(), R.real, R.name)
print([10, 20, 30, 40, 50][R], list(range(W)), "%d %x %s" % (R, R, R), f"{R:>4}", str(R), format(R, "b"))
print(sorted([Flag(3, "c"), Flag(1, "a"), Flag(2, "b")]), max(R, W), R < W, divmod(R, 3), R ** 2, 7 // R)
print(int.__add__(R, 1), int.__radd__(R, 1), R.__add__(1.5), int.__repr__(R), Flag.__mro__)


class Big(int):
    pass


b = Big(2 ** 100)
print(b, type(b).__name__, b + 1, int(b), +b, type(+b).__name__, Big("ff", 16), Big(), Big(-7.9), Big(True))


class Celsius(float):
    def __str__(self):
        return "%.1f C" % self
    def to_f(self):
        return Celsius(self * 9 / 5 + 32)


t = Celsius("21.5")
print(t, repr(t), t.to_f(), type(t.to_f()).__name__, t + 1, type(t + 1).__name__, round(t), t.is_integer())
print(float(t), type(float(t)).__name__, Celsius(3), Celsius(), -t, t == 21.5, t > 20, int(t), "%.2f" % t)


class Z(complex):
    pass


z = Z(1, 2)
print(z, z.real, z.imag, z * 2, type(z * 2).__name__, abs(Z(3, 4)), z.conjugate(), Z("1+1j"), Z())


class Name(str):
    def __new__(cls, value):
        return super().__new__(cls, value.strip().title())
    def initials(self):
        return "".join(part[0] for part in self.split())


n = Name("  ada lovelace ")
print(n, repr(n), n.initials(), len(n), n[0], n.upper(), type(n.upper()).__name__, type(n + "!").__name__)
print(n == "Ada Lovelace", {n: 1}["Ada Lovelace"], {"Ada Lovelace": 2}[n], "Ada" in n, n.startswith("Ada"))
print(str(n), type(str(n)).__name__, "%s|%r" % (n, n), f"<{n}>", ",".join([n, n]), sorted([Name("b"), Name("a")]))
print(str.__eq__(n, "Ada Lovelace"), str.__len__(n), str.__getitem__(n, 1), n.__class__.__name__, hash(n) == hash(str(n)))


class Caseless(str):
    def __eq__(self, other):
        return self.lower() == str(other).lower()
    def __hash__(self):
        return hash(self.lower())


d = {Caseless("Key"): 1}
print(d[Caseless("KEY")], Caseless("A") == "a", Caseless("A") != "a", "a" == Caseless("A"), Caseless("x") in ["X"])


class Blob(bytes):
    def hex_upper(self):
        return self.hex().upper()


bl = Blob(b"\x01\xff")
print(bl, bl.hex_upper(), len(bl), bl[1], bl + b"!", type(bl + b"!").__name__, Blob([65, 66]), Blob("hi", "ascii"))
print(bytes(bl), type(bytes(bl)).__name__, bl == b"\x01\xff", bl.decode("latin-1"), Blob())


class Buffer(bytearray):
    pass


buf = Buffer(b"ab")
buf += b"cd"
buf.extend(b"e")
buf[0] = 90
print(buf, type(buf).__name__, len(buf), buf.upper(), Buffer(3), Buffer())


class Point(tuple):
    __slots__ = ()
    _fields = ("x", "y")
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))
    x = property(lambda self: self[0])
    y = property(lambda self: self[1])
    def __repr__(self):
        return "Point(x=%r, y=%r)" % self
    def _replace(self, **kw):
        return Point(kw.get("x", self.x), kw.get("y", self.y))


p = Point(1, 2)
print(p, p.x, p.y, p._replace(y=5), len(p), p + (3,), type(p + (3,)).__name__, p == (1, 2), hash(p) == hash((1, 2)))
x, y = p
print(x, y, tuple(p), type(tuple(p)).__name__, p[::-1], type(p[:1]).__name__, sorted([Point(2, 1), Point(1, 9)]))
try:
    p.z = 3
except AttributeError as e:
    print("AttributeError", e)
try:
    p.x = 3
except AttributeError as e:
    print("AttributeError", e)


class Pair(tuple):
    pass


pr = Pair([1, 2])
pr.note = "has a dict"
print(pr, pr.note, Pair(), Pair("ab"), type(Pair("ab")).__name__)


class Tags(set):
    def add_all(self, *xs):
        for x in xs:
            self.add(x)
        return self


tg = Tags(["a"])
tg.add_all("b", "c")
print(sorted(tg), repr(Tags()), repr(Tags([1])), type(tg | {"z"}).__name__, type(tg.copy()).__name__, len(tg), "a" in tg)
tg.__init__(["q"])
print(tg)


class Frozen(frozenset):
    pass


fz = Frozen([1, 2])
print(repr(Frozen([3])), fz == frozenset([1, 2]), hash(fz) == hash(frozenset([1, 2])), type(fz & {1}).__name__, Frozen())
print({fz: 1}[frozenset([1, 2])], sorted(fz | {3}))

# Results that would be `self` for the exact type are plain copies.
print(type(Name("ab").ljust(1)).__name__, type(Name("ab").center(2)).__name__, type(Blob(b"ab")[:]).__name__,
      type(Blob(b"ab") * 1).__name__, type(Celsius(2.5).real).__name__, type(Flag(3, "x").real).__name__,
      type(Flag(3, "x").numerator).__name__, type(Z(1, 1).real).__name__)
