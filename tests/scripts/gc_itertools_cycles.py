# Cycles through itertools iterators are freed (they are tracked by the
# collector, as in CPython): through the source an iterator holds, and
# through what it keeps after a few steps (cycle's saved items, a tee's
# buffered values, groupby's current value, accumulate's total, pairwise's
# last item, product's pools), for the builtin types and a derived class.
import gc
import itertools
import weakref


class Box:
    pass


def freed(build):
    """build(box) makes a cycle that holds `box`; True if the collector
    frees it once the caller drops everything."""
    box = Box()
    ref = weakref.ref(box)
    build(box)
    del box
    gc.collect()
    return ref() is None


def through_source(make):
    def build(box):
        l = [box]
        it = make(l)
        l.append(it)
    return build


def through_items(make, steps):
    def build(box):
        holder = [box]
        it = make(holder)
        for _ in range(steps):
            next(it)
        holder.append(it)  # the list is the item the iterator kept
    return build


sources = {
    "repeat": lambda l: itertools.repeat(l),
    "count": lambda l: itertools.count(0, 1),  # holds no object of the cycle
    "chain": lambda l: itertools.chain(l),
    "chain.from_iterable": lambda l: itertools.chain.from_iterable([l]),
    "starmap": lambda l: itertools.starmap(print, l),
    "islice": lambda l: itertools.islice(l, 3),
    "cycle": lambda l: itertools.cycle(l),
    "compress": lambda l: itertools.compress(l, l),
    "dropwhile": lambda l: itertools.dropwhile(bool, l),
    "takewhile": lambda l: itertools.takewhile(bool, l),
    "filterfalse": lambda l: itertools.filterfalse(bool, l),
    "accumulate": lambda l: itertools.accumulate(l, initial=l),
    "pairwise": lambda l: itertools.pairwise(l),
    "zip_longest": lambda l: itertools.zip_longest(l, fillvalue=l),
    "groupby": lambda l: itertools.groupby(l, key=id),
    "product": lambda l: itertools.product(l),
    "permutations": lambda l: itertools.permutations(l),
    "combinations": lambda l: itertools.combinations(l, 1),
    "combinations_with_replacement": lambda l: itertools.combinations_with_replacement(l, 1),
    "tee": lambda l: itertools.tee(l)[0],
}
for name, make in sources.items():
    print(name, "source", freed(through_source(make)))

kept = {
    # each keeps the holder list itself after `steps` items
    "repeat": (lambda h: itertools.repeat(h), 1),
    "cycle": (lambda h: itertools.cycle([h, 1]), 2),
    "tee": (lambda h: itertools.tee(iter([h, 1, 2]))[1], 0),
    "groupby": (lambda h: itertools.groupby([h, h]), 1),
    "accumulate": (lambda h: itertools.accumulate([h], lambda a, b: a), 1),
    "pairwise": (lambda h: itertools.pairwise([h, 1, 2]), 1),
    "product": (lambda h: itertools.product([h], [1, 2]), 1),
    "zip_longest": (lambda h: itertools.zip_longest([1], [], fillvalue=h), 0),
}
for name, (make, steps) in kept.items():
    print(name, "kept", freed(through_items(make, steps)))


def tee_buffer(box):
    # The reader that is behind keeps every value the other one read, over
    # several of its 57-value chunks.
    holder = [box]
    a, b = itertools.tee(iter([holder] * 150 + list(range(50))))
    for _ in range(150):
        next(a)
    holder.append(b)


print("tee buffer", freed(tee_buffer))


class MyCycle(itertools.cycle):
    pass


class MyChain(itertools.chain):
    pass


def derived(box):
    c = MyCycle([box])
    next(c)
    c.me = c
    d = MyChain([box])
    d.me = d


print("derived", freed(derived))

tracked = [itertools.count(), itertools.repeat(1), itertools.chain(), itertools.cycle([]),
           itertools.groupby([]), itertools.tee([])[0], itertools.product(), itertools.pairwise([])]
print([gc.is_tracked(t) for t in tracked])

# Nothing live is freed: a collection in the middle of iteration.
it = itertools.cycle([[1], [2]])
gr = itertools.groupby("aabbb")
t1, t2 = itertools.tee(iter([[i] for i in range(100)]))
first = [next(it), next(it), next(it)]
k, g = next(gr)
part = [next(t1) for _ in range(60)]
gc.collect()
print(first, k, list(g), [next(it) for _ in range(3)], part[-1], next(t2), sum(1 for _ in t2))
print([k for k, _ in gr])
