# list.sort with comparisons that are not a consistent order: CPython
# promises only some permutation of the input, never a crash or a lost item.
import random

random.seed(5)


class R:
    def __init__(self, i):
        self.i = i

    def __lt__(self, other):
        return random.random() < 0.5


for trial in range(300):
    xs = [R(i) for i in range(random.randint(2, 300))]
    ids = sorted(x.i for x in xs)
    xs.sort()
    assert sorted(x.i for x in xs) == ids
print("random __lt__: every sort a permutation")


class Liar:
    """Claims to be less than everything, including itself."""

    def __init__(self, i):
        self.i = i

    def __lt__(self, other):
        return True


xs = [Liar(i) for i in range(1000)]
xs.sort()
print("always-true __lt__:", sorted(x.i for x in xs) == list(range(1000)))
xs.sort(reverse=True)
print("reverse:", sorted(x.i for x in xs) == list(range(1000)))

# A comparison that raises part way: the exception propagates and the list
# still holds every item.
calls = 0


class Bomb:
    def __init__(self, i):
        self.i = i

    def __lt__(self, other):
        global calls
        calls += 1
        if calls == 500:
            raise ValueError("boom at comparison 500")
        return self.i < other.i


xs = [Bomb(i) for i in random.sample(range(2000), 2000)]
try:
    xs.sort()
except ValueError as e:
    print("ValueError:", e)
print(len(xs), sorted(x.i for x in xs) == list(range(2000)))

# A key that raises part way: the list is unchanged.
ys = list(range(10))
try:
    ys.sort(key=lambda v: 1 // (v - 7))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(ys)

# Stability, ascending and descending, across run merges.
pairs = [(random.randint(0, 20), i) for i in range(3000)]
print(sorted(pairs, key=lambda p: p[0]) == sorted(pairs))
print(sorted(pairs, key=lambda p: p[0], reverse=True) == sorted(pairs, key=lambda p: (-p[0], p[1])))
print(sorted(range(100, 0, -1))[:5], sorted([3, 1, 2], reverse=True))
