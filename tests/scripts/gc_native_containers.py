# The cycle collector frees cycles through collections.deque and
# collections.defaultdict (and classes derived from them): each is tracked,
# traversed and cleared as CPython's _collections does.
import gc
import weakref
from collections import defaultdict, deque


class Owner:
    pass


def deque_cycle():
    d = deque()
    d.append(d)
    owner = Owner()
    owner.queue = deque([owner, 1, 2])
    return weakref.ref(d), weakref.ref(owner)


def bounded_deque_cycle():
    d = deque(maxlen=3)
    d.extend([1, 2, d])
    return weakref.ref(d)


def defaultdict_cycle():
    owner = Owner()
    owner.table = defaultdict(list)
    owner.table["me"].append(owner)
    # defaultdict takes no weak references: a tracked owner in the cycle
    # shows it is freed.
    marker = Owner()
    d = defaultdict(lambda: d)  # the factory refers to the dict
    d["marker"] = marker
    d["x"]
    return weakref.ref(owner), weakref.ref(marker)


class MyDeque(deque):
    pass


class MyDefault(defaultdict):
    pass


def derived_cycles():
    q = MyDeque([1])
    q.append(q)
    q.name = q
    m = MyDefault(int)
    m["self"] = m
    return weakref.ref(q), weakref.ref(m)


refs = [*deque_cycle(), bounded_deque_cycle(), *defaultdict_cycle(), *derived_cycles()]
print("alive before collect:", [r() is not None for r in refs])
gc.collect()
print("freed:", [r() is None for r in refs])
print("tracked:", gc.is_tracked(deque()), gc.is_tracked(defaultdict(int)))

# A live deque and defaultdict keep their items through collections.
keep = deque([Owner() for i in range(3)])
table = defaultdict(list)
table["a"].append(keep)
gc.collect()
print("live kept:", len(keep), type(keep[0]).__name__, table["a"][0] is keep)
# gc.get_referents sees the items.
print("referents:", len(gc.get_referents(deque([1, 2, 3]))))
