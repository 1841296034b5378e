# Producer/consumer pipeline: the main thread puts work items into a bounded
# queue.Queue; `threads` consumers take them, do a little arithmetic on each,
# and keep a private sum. Measures the queue's locks and condition variables
# against real work per item.
import queue
import threading
import time

from common import parse_args, report

WORK = 60


def process(item):
    acc = 0
    for j in range(WORK):
        acc += (item * j) % 7
    return acc


threads, total = parse_args(30_000)
q = queue.Queue(maxsize=256)
sums = [0] * threads
counts = [0] * threads


def consumer(k):
    s = 0
    c = 0
    while True:
        item = q.get()
        if item is None:
            break
        s += process(item)
        c += 1
    sums[k] = s
    counts[k] = c


workers = [threading.Thread(target=consumer, args=(k,)) for k in range(threads)]
start = time.perf_counter()
for w in workers:
    w.start()
for i in range(total):
    q.put(i)
for _ in workers:
    q.put(None)
for w in workers:
    w.join()
seconds = time.perf_counter() - start
assert sum(counts) == total, counts
expected = 0
for i in range(total):
    expected += process(i)
assert sum(sums) == expected
report("pipeline", threads, seconds)
