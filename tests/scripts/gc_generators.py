# Generators in cycles: the cycle collector closes a suspended generator
# once (its finally blocks run, PEP 442) and frees it, whether the cycle
# passes through an object that holds it or through its own frame.
import gc
import weakref

gc.disable()
log = []


class Node:
    pass


def guarded(owner):
    try:
        yield 1
        yield 2
    finally:
        log.append("finally")


def held_by_owner():
    n = Node()
    n.gen = guarded(n)
    print(next(n.gen))
    return weakref.ref(n)


r = held_by_owner()
gc.collect()
print("owner freed:", r() is None, log)
gc.collect()
print("closed once:", log)


def echo():
    me = yield
    try:
        yield me
    finally:
        log.append("echo finally")


def holds_itself():
    g = echo()
    next(g)
    assert g.send(g) is g  # the frame's local now refers to the generator
    box = Node()
    box.g = g
    return weakref.ref(box)


log.clear()
r = holds_itself()
gc.collect()
print("self-referencing generator freed:", r() is None, log)


def not_started(owner):
    try:
        yield owner
    finally:
        log.append("never")


def unstarted_cycle():
    n = Node()
    n.gen = not_started(n)
    return weakref.ref(n)


log.clear()
r = unstarted_cycle()
gc.collect()
print("unstarted freed:", r() is None, log)


# A generator that is still referenced survives, suspended where it was.
def live():
    n = Node()
    n.gen = guarded(n)
    next(n.gen)
    return n


log.clear()
keep = live()
gc.collect()
print("live:", next(keep.gen), log)
keep.gen.close()
print("closed:", log)


# A finally block that resurrects its owner keeps it alive.
saved = []


def resurrecting(owner):
    try:
        yield
    finally:
        saved.append(owner)


def resurrect_cycle():
    n = Node()
    n.gen = resurrecting(n)
    next(n.gen)
    n.payload = "kept"
    return weakref.ref(n)


r = resurrect_cycle()
gc.collect()
print("resurrected:", r() is saved[0], saved[0].payload)
