# Chaos game: an iterated function system (a fern-like set of four affine
# maps with weights) played for N points, each map an object called
# through __call__, choices from a linear congruential generator written
# here (so every interpreter draws the same sequence), and the points
# binned into a grid dict. Float arithmetic, small objects, dict counting.
# Checksum: occupied cells, the fullest cell and a weighted sum.
from harness import main


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Affine:
    def __init__(self, a, b, c, d, e, f, weight):
        self.a, self.b, self.c, self.d, self.e, self.f = a, b, c, d, e, f
        self.weight = weight

    def __call__(self, p):
        return Point(self.a * p.x + self.b * p.y + self.e, self.c * p.x + self.d * p.y + self.f)


class Lcg:
    def __init__(self, seed):
        self.state = seed

    def next_unit(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.state >> 11) / 2**53


MAPS = [
    Affine(0.0, 0.0, 0.0, 0.16, 0.0, 0.0, 0.01),
    Affine(0.85, 0.04, -0.04, 0.85, 0.0, 1.6, 0.85),
    Affine(0.2, -0.26, 0.23, 0.22, 0.0, 1.6, 0.07),
    Affine(-0.15, 0.28, 0.26, 0.24, 0.0, 0.44, 0.07),
]


def choose(rng, maps):
    r = rng.next_unit()
    for m in maps:
        if r < m.weight:
            return m
        r -= m.weight
    return maps[-1]


def run(n):
    rng = Lcg(42)
    p = Point(0.0, 0.0)
    grid = {}
    cells = 64
    for _ in range(n):
        p = choose(rng, MAPS)(p)
        key = (int((p.x + 3.0) / 6.0 * cells), int(p.y / 10.0 * cells))
        grid[key] = grid.get(key, 0) + 1
    fullest = max(grid.values())
    weighted = sum(x * 31 + y * count for (x, y), count in grid.items())
    return f"{len(grid)},{fullest},{weighted}"


if __name__ == "__main__":
    main(run, 200_000)
