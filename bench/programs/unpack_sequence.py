# Unpack sequence: tuple and list packing and unpacking in every shape the
# bytecode has (fixed-size, starred, nested, swaps, for-loop targets),
# repeated N times. A micro-program for UNPACK_SEQUENCE/UNPACK_EX and
# BUILD_TUPLE.
from harness import main


def shapes(i):
    a, b, c = i, i + 1, i + 2
    a, b = b, a
    t = (a, b, c, i)
    w, x, y, z = t
    first, *rest = t
    *init, last = t
    (p, q), (r, s) = (w, x), (y, z)
    lst = [a, b, c]
    u, v, k = lst
    head, *mid, tail = lst + [i, i]
    return w + x + y + z + first + len(rest) + last + len(init) + p + q + r + s + u + v + k + head + tail + len(mid)


def loop_targets(items):
    total = 0
    for (x, y), z in items:
        total += x * y - z
    for i, (a, b) in enumerate(zip(items, items[1:])):
        total += i + a[1] - b[1]
    return total


def run(n):
    total = 0
    for i in range(n):
        total += shapes(i)
    items = [((i, i % 7), i % 3) for i in range(1000)]
    for _ in range(n // 2000):
        total += loop_targets(items)
    return total


if __name__ == "__main__":
    main(run, 250_000)
