class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"P({self.x},{self.y})"
pts = {Point(1, 2), Point(1, 2), Point(3, 4)}
print(len(pts), Point(1, 2) in pts, {Point(0, 0): "origin"}[Point(0, 0)])
class NoHash:
    def __eq__(self, other):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print(e)
print(NoHash() == 5, NoHash() != 5)
class Identity:
    pass
a, b = Identity(), Identity()
print(a == a, a == b, a != b, hash(a) == hash(a), len({a, b, a}))
class Ordered:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return f"O{self.v}"
print(sorted([Ordered(3), Ordered(1), Ordered(2)]), Ordered(1) < Ordered(2), Ordered(5) > Ordered(2))
try:
    Ordered(1) <= Ordered(2)
except TypeError as e:
    print(e)


# A __hash__ result that fits a machine word is the hash itself, so an
# object can hash like the str it stands for (str hashes use all 64 bits).
class Named:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name)

    def __eq__(self, other):
        return self.name == other


print(hash(Named("alpha")) == hash("alpha"), {"alpha": 1}[Named("alpha")])
