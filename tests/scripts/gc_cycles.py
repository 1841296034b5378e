# The cycle collector: cycles of every tracked kind are freed by
# gc.collect(), __del__ runs once (PEP 442), resurrection keeps objects
# alive, weak references to garbage are cleared and their callbacks run,
# and the gc module's interface behaves as CPython's.
import gc
import weakref

gc.disable()  # collections happen where this script calls gc.collect()


class Node:
    pass


def alive(refs):
    return sum(1 for r in refs if r() is not None)


# Pairs of instances pointing at each other.
def make_pairs(n):
    refs = []
    for i in range(n):
        a = Node()
        b = Node()
        a.peer = b
        b.peer = a
        refs.append(weakref.ref(a))
    return refs


refs = make_pairs(500)
print("pairs alive before:", alive(refs))
found = gc.collect()
print("found at least 1000:", found >= 1000)
print("pairs alive after:", alive(refs))


# Containers that hold themselves.
def self_cycles():
    class Box:
        pass
    l = []
    l.append(l)
    d = {}
    d["d"] = d
    box = Box()
    t = (box, [box])
    box.t = t
    s = Box()
    s.members = {frozenset([1, 2])}
    s.me = [s]
    return [weakref.ref(x) for x in (box, s, Box)]


refs = self_cycles()
gc.collect()
print("self cycles alive:", alive(refs))


# A nested function that refers to itself through its closure cell.
def closure_cycle():
    def recurse(n):
        return recurse(n - 1) if n else "bottom"
    print(recurse(3))
    return weakref.ref(recurse)


r = closure_cycle()
gc.collect()
print("closure freed:", r() is None)


# A class made at run time is in a cycle with its __mro__ (deferred_rc.py
# has classes whose methods use super() and __class__).
def make_class():
    class Temporary:
        def method(self):
            return self
    t = Temporary()
    t.cls = Temporary
    return weakref.ref(Temporary), weakref.ref(t)


rc, ri = make_class()
gc.collect()
print("class freed:", rc() is None, ri() is None)


# Its __slots__, __dict__ and __weakref__ descriptors refer to it too.
def make_slotted_class():
    class Slotted:
        __slots__ = ("a", "b", "__weakref__")
    s = Slotted()
    s.a = Slotted
    return weakref.ref(Slotted), weakref.ref(s)


rc, ri = make_slotted_class()
gc.collect()
print("slotted class freed:", rc() is None, ri() is None)

# __del__ runs once for each object of a cycle.
log = []


class Finalized:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


def finalized_cycle():
    a = Finalized("a")
    b = Finalized("b")
    a.b = b
    b.a = a


finalized_cycle()
gc.collect()
print("finalized:", sorted(log))
gc.collect()
print("finalized once:", sorted(log))

# Resurrection: a __del__ that stores its object keeps it (and what it
# refers to) alive; the object is finalized and __del__ does not run again.
saved = []


class Phoenix:
    def __del__(self):
        log.append("phoenix")
        saved.append(self)


def phoenix_cycle():
    p = Phoenix()
    p.me = p
    p.payload = [1, 2, 3]


log.clear()
phoenix_cycle()
gc.collect()
print("resurrected:", len(saved), saved[0].payload, gc.is_finalized(saved[0]), log)
p = saved.pop()
del p
gc.collect()
print("second death:", log)

# Weak references: cleared before anything is freed; the callback of a
# reference that outlives the garbage runs, with the dead reference.
events = []


def weak_cycle():
    a = Node()
    a.me = a
    return weakref.ref(a, lambda ref: events.append(("callback", ref() is None)))


w = weak_cycle()
gc.collect()
print("weakref:", w(), events)


# A weak reference that is itself garbage does not call back.
def weak_in_garbage():
    a = Node()
    a.me = a
    a.ref = weakref.ref(a, lambda ref: events.append("never"))


events.clear()
weak_in_garbage()
gc.collect()
print("garbage weakref callbacks:", events)

# Objects still referenced are never collected.
keep = Node()
keep.me = keep
keep.data = {"k": [keep]}
gc.collect()
print("kept:", keep.data["k"][0] is keep)

# gc.garbage and DEBUG_SAVEALL.
gc.set_debug(gc.DEBUG_SAVEALL)
print("debug:", gc.get_debug() == gc.DEBUG_SAVEALL)
make_pairs(2)
gc.collect()
print("saved to gc.garbage:", len([o for o in gc.garbage if isinstance(o, Node)]))
gc.set_debug(0)
gc.garbage.clear()
gc.collect()

# gc.callbacks see each collection start and stop.
phases = []


def on_gc(phase, info):
    phases.append((phase, sorted(info)))


gc.callbacks.append(on_gc)
gc.collect()
gc.callbacks.remove(on_gc)
print("callbacks:", phases)

# freeze: frozen objects are never examined, unfreeze returns them.
refs = make_pairs(3)
gc.freeze()
print("frozen count positive:", gc.get_freeze_count() > 0)
gc.collect()
print("frozen alive:", alive(refs))
gc.unfreeze()
print("freeze count after unfreeze:", gc.get_freeze_count())
gc.collect()
print("unfrozen alive:", alive(refs))

# Referents and referrers.
inner = [1, 2]
outer = [inner, "x"]
print("referents:", gc.get_referents(outer) == ["x", inner])
print("referrers:", any(r is outer for r in gc.get_referrers(inner)))

# Configuration.
print(gc.get_threshold())
gc.set_threshold(500, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(type(gc.get_count()), len(gc.get_count()))
print(gc.is_tracked(Node()), gc.is_tracked([]), gc.is_tracked(3), gc.is_tracked("s"))
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
print(len(gc.get_stats()), sorted(gc.get_stats()[2]))
for bad in (lambda: gc.collect(3), lambda: gc.collect("x"), lambda: gc.set_threshold(), lambda: gc.get_objects(5)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

# A second threshold of 0 collects as soon as the first is passed, however
# large the heap already is (CPython 3.13t's gc_should_collect; tests such
# as test_generators rely on it).
keep = [[i] for i in range(20000)]
gc.collect()
events = []
class Flagged:
    def __del__(self):
        events.append("del")
a = Flagged(); a.self = a
del a
gc.set_threshold(1, 0, 0)
try:
    fresh = [[i] for i in range(2000)]
finally:
    gc.set_threshold(700, 10, 10)
print("threshold (1, 0, 0) collected:", events)
del keep, fresh
