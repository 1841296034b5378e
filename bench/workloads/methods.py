# Method calls and instance attribute access on a small class.
import time


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def moved(self, dx):
        return Point(self.x + dx, self.y)


def work():
    p = Point(1, 2)
    total = 0
    for i in range(300_000):
        total += p.norm2()
        p.x = i % 7
        q = p.moved(1)
        total += q.y
    return total


start = time.perf_counter()
work()
print(time.perf_counter() - start)
