# Object graphs millions deep (a tuple chain 10,000,000 deep; instance
# chains and mixed chains of lists, tuples, dicts, instances and closures
# 1,000,000 deep), built on one thread and freed on another: freeing uses a
# bounded C stack (the trashcan) on any thread. An argument of 10000000
# makes every chain 10,000,000 deep (about 3 GB; design/testing.md); a smaller
# argument shrinks them all (ThreadSanitizer runs 300000).
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

DEPTH = int(_sys.argv[1]) if len(_sys.argv) > 1 else 1_000_000


class Node:
    __slots__ = ()


class Link:
    def __init__(self, nxt):
        self.nxt = nxt


def linked(n):
    head = None
    for _ in range(n):
        head = Link(head)
    return head


def tuples(n):
    x = ()
    for _ in range(n):
        x = (x,)
    return x


def closure_over(x):
    return lambda: x


def mixed(n):
    x = None
    for i in range(n):
        r = i % 5
        x = [x] if r == 0 else (x,) if r == 1 else {"k": x} if r == 2 else Link(x) if r == 3 else closure_over(x)
    return x


built = {}


def build(name, fn, n):
    built[name] = fn(n)


def drop(name):
    del built[name]


for name, fn, n in (("tuples", tuples, 10 * DEPTH if DEPTH <= 1_000_000 else DEPTH), ("linked", linked, DEPTH), ("mixed", mixed, DEPTH)):
    t = threading.Thread(target=build, args=(name, fn, n))
    t.start()
    t.join()
    t = threading.Thread(target=drop, args=(name,))
    t.start()
    t.join()
assert built == {}
adv_harness.finish()
