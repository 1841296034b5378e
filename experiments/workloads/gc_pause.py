# The collector's pause: a live heap of `total` instances (each holding a
# small list) is built once; then `threads` - 1 mutator threads allocate
# short-lived objects in a loop while the main thread calls gc.collect()
# ROUNDS times. Reports the median time of one gc.collect() as seconds
# (scaled by ROUNDS, so that the runner's numbers stay comparable across
# thread counts), and the median in milliseconds. In the free-threaded
# build each collection stops the world: the mutators must reach a safe
# point, and the pause grows with the heap (design/gc.md; `ftpy -X stats`
# splits it into the wait for the safe point and the collection).
import gc
import statistics
import threading
import time

from common import parse_args, report

ROUNDS = 10


class Item:
    def __init__(self, i):
        self.key = i
        self.data = [i]


def mutator(stop, counts, k):
    n = 0
    while not stop.is_set():
        for i in range(100):
            x = Item(i)
            n += len(x.data)
    counts[k] = n


threads, total = parse_args(1_000_000)
heap = [Item(i) for i in range(total)]
gc.collect()
stop = threading.Event()
counts = [0] * threads
mutators = [threading.Thread(target=mutator, args=(stop, counts, k)) for k in range(1, threads)]
for m in mutators:
    m.start()
pauses = []
for r in range(ROUNDS):
    start = time.perf_counter()
    gc.collect()
    pauses.append(time.perf_counter() - start)
    time.sleep(0.001)
stop.set()
for m in mutators:
    m.join()
assert len(heap) == total and heap[-1].data == [total - 1]
assert all(c > 0 for c in counts[1:]), counts
median = statistics.median(pauses)
print(f"gc_pause pause_ms={median * 1000:.3f} max_ms={max(pauses) * 1000:.3f}")
report("gc_pause", threads, median * ROUNDS)
