# The cycle collector and the itertools iterators it tracks: four threads
# step shared iterators (a cycle over live items that point back at it, a
# tee pair, a groupby) while making and dropping cycles through their own
# cycle/tee/chain/groupby objects with weakly referenced members, and
# another thread collects in a loop. Every item of the shared iterators
# must come out exactly as without collections, and every dropped cycle
# must be freed with its weak reference callback run exactly once.
import gc
import itertools
import sys
import threading
import weakref

THREADS = 4
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 1500
CYCLE = 7

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
callbacks = []
done = threading.Event()
start = threading.Barrier(THREADS + 1)


class Item:
    def __init__(self, value):
        self.value = value


def on_dead(ref):
    callbacks.append(1)


items = [Item(i) for i in range(CYCLE)]
shared_cycle = itertools.cycle(items)
for item in items:
    item.source = shared_cycle  # live cycles through the shared iterator
shared_tee = itertools.tee(iter([Item(i) for i in range(THREADS * ROUNDS)]), THREADS)
lock = threading.Lock()
totals = []


def garbage(i):
    refs = []
    holder = [Item(i)]
    refs.append(weakref.ref(holder[0], on_dead))
    c = itertools.cycle([holder, i])
    next(c)
    holder.append(c)
    a, b = itertools.tee(iter([holder, 1, 2]))
    next(a)
    holder.append(b)
    marker = Item(-i)
    refs.append(weakref.ref(marker, on_dead))
    ch = itertools.chain([marker], holder)
    marker.it = ch
    g = itertools.groupby([marker, marker], key=id)
    next(g)
    marker.g = g
    return refs


def worker(k):
    refs = []
    seen = 0
    mine = shared_tee[k]
    start.wait()
    for i in range(ROUNDS):
        item = next(shared_cycle)
        assert item.source is shared_cycle and 0 <= item.value < CYCLE
        seen += next(mine).value
        refs.extend(garbage(k * ROUNDS + i))
    rest = sum(x.value for x in mine)
    with lock:
        totals.append(seen + rest)
    return refs


def collector():
    start.wait()
    while not done.is_set():
        gc.collect()


all_refs = []
threads = [threading.Thread(target=lambda k=k: all_refs.extend(worker(k))) for k in range(THREADS)]
collecting = threading.Thread(target=collector)
for t in threads + [collecting]:
    t.start()
for t in threads:
    t.join()
done.set()
collecting.join()
gc.collect()

assert not failures, failures
n = THREADS * ROUNDS
# Each tee reader sees every value once.
assert totals == [n * (n - 1) // 2] * THREADS, totals
# The shared cycle handed out n items in order: the next one is item n % CYCLE.
assert next(shared_cycle) is items[n % CYCLE]
assert len(all_refs) == 2 * n
alive = sum(r() is not None for r in all_refs)
assert alive == 0, f"{alive} objects in dropped cycles still alive"
assert len(callbacks) == 2 * n, len(callbacks)
print("ok", n)
