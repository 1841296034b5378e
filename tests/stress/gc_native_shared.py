# The cycle collector and the native containers it tracks (deque,
# defaultdict): producers put items that point back at a shared deque (a
# live cycle through it) while consumers pop them, every worker also makes
# and drops cyclic deques and defaultdicts with weakly referenced members,
# and another thread collects in a loop. The shared deque and its items
# must survive every collection (each produced item is consumed exactly
# once), and every dropped cycle must be freed with its weak reference
# callback run exactly once.
import gc
import sys
import threading
import weakref
from collections import defaultdict, deque

PRODUCERS = 2
CONSUMERS = 2
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3000

shared = deque()
done = threading.Event()
callbacks = []
consumed = []
lock = threading.Lock()


class Item:
    def __init__(self, value):
        self.value = value
        self.home = shared  # a cycle through the live shared deque


def on_dead(ref):
    callbacks.append(1)


def garbage(i):
    refs = []
    d = deque([i])
    d.append(d)
    marker = Item(i)
    d.append(marker)
    refs.append(weakref.ref(marker, on_dead))
    table = defaultdict(list)
    owner = Item(-i)
    owner.table = table
    table["owner"].append(owner)
    refs.append(weakref.ref(owner, on_dead))
    return refs


def producer(p):
    refs = []
    for i in range(ROUNDS):
        shared.appendleft(Item(p * ROUNDS + i))
        refs.extend(garbage(i))
    return refs


def consumer():
    total = 0
    count = 0
    while True:
        try:
            item = shared.pop()
        except IndexError:
            if done.is_set() and not shared:
                break
            continue
        assert item.home is shared
        total += item.value
        count += 1
    with lock:
        consumed.append((count, total))


def collector():
    while not done.is_set():
        gc.collect()


all_refs = []
producer_threads = [threading.Thread(target=lambda p=p: all_refs.extend(producer(p))) for p in range(PRODUCERS)]
consumer_threads = [threading.Thread(target=consumer) for c in range(CONSUMERS)]
collecting = threading.Thread(target=collector)
for t in producer_threads + consumer_threads + [collecting]:
    t.start()
for t in producer_threads:
    t.join()
done.set()
for t in consumer_threads + [collecting]:
    t.join()
gc.collect()

n = PRODUCERS * ROUNDS
assert sum(c for c, _ in consumed) == n, consumed
assert sum(t for _, t in consumed) == n * (n - 1) // 2, consumed
assert len(all_refs) == 2 * n
alive = sum(r() is not None for r in all_refs)
assert alive == 0, f"{alive} objects in dropped cycles still alive"
assert len(callbacks) == 2 * n, len(callbacks)
print("ok", n)
