# Float: many small objects with float attributes, made, normalized and
# reduced (after pyperformance's "float" idea, written here anew).
# Allocation of instances, attribute stores, math.sin/cos/sqrt, max over
# attributes. Checksum: the maximum point, to 9 decimals.
import math

from harness import main


class Vec:
    __slots__ = ()

    def normalize(self):
        norm = math.sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        self.x = self.x if self.x > other.x else other.x
        self.y = self.y if self.y > other.y else other.y
        self.z = self.z if self.z > other.z else other.z
        return self


class Point(Vec):
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = math.sin(i)
        self.y = math.cos(i) * 3
        self.z = (x * x) / 2


class Plain(Vec):
    # No __slots__ of its own: instances with a __dict__.
    def __init__(self, i):
        self.x = x = math.cos(i)
        self.y = math.sin(i) * 2
        self.z = (x * x) / 3


def reduce_points(cls, n):
    points = [cls(i) for i in range(n)]
    for p in points:
        p.normalize()
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best


def run(n):
    a = reduce_points(Point, n)
    b = reduce_points(Plain, n)
    return ",".join(f"{v:.9f}" for v in (a.x, a.y, a.z, b.x, b.y, b.z))


if __name__ == "__main__":
    main(run, 150_000)
