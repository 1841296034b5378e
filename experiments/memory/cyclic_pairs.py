# 300,000 pairs of instances that point at each other, made and dropped in a
# loop: only a cycle collector frees them (design/gc.md).
import _peak  # noqa: F401  (reports the peak at exit)


class Node:
    pass


def run(n):
    for i in range(n):
        a = Node()
        b = Node()
        a.peer = b
        b.peer = a


run(300_000)
