# _queue.SimpleQueue shared by four producers and four consumers: blocking
# gets, gets with timeouts and non-blocking gets race puts, so getters park
# and are woken (src/modules/queue.cc). Every item comes out exactly once,
# and each consumer sees each producer's items in the order they were put
# (FIFO); a finalizer that puts from inside a collection (bpo-14976's
# reentrancy) loses nothing either.
import _queue
import gc
import sys
import threading

PRODUCERS = 4
CONSUMERS = 4
ITEMS = int(sys.argv[1]) if len(sys.argv) > 1 else 20000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
q = _queue.SimpleQueue()
got = [[] for _ in range(CONSUMERS)]
reentrant = []


class PutOnDel:
    def __init__(self, n):
        self.n = n
        self.me = self  # a cycle: freed by the collector, which runs __del__

    def __del__(self):
        q.put(("del", self.n))


def producer(p):
    for i in range(ITEMS):
        q.put((p, i))
        if i % 1000 == 0:
            PutOnDel(p * ITEMS + i)
            gc.collect()


def consumer(c):
    mine = got[c]
    while True:
        kind = len(mine) % 3
        try:
            if kind == 0:
                item = q.get()
            elif kind == 1:
                item = q.get(timeout=0.5)
            else:
                item = q.get_nowait()
        except _queue.Empty:
            continue
        if item is None:
            return
        mine.append(item)


producers = [threading.Thread(target=producer, args=(p,)) for p in range(PRODUCERS)]
consumers = [threading.Thread(target=consumer, args=(c,)) for c in range(CONSUMERS)]
for t in producers + consumers:
    t.start()
for t in producers:
    t.join()
gc.collect()
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
assert not failures, failures
assert q.empty() and q.qsize() == 0
plain = [item for mine in got for item in mine if item[0] != "del"]
dels = sorted(item[1] for mine in got for item in mine if item[0] == "del")
assert sorted(plain) == [(p, i) for p in range(PRODUCERS) for i in range(ITEMS)], len(plain)
assert dels == sorted(p * ITEMS + i for p in range(PRODUCERS) for i in range(0, ITEMS, 1000)), dels
for mine in got:
    for p in range(PRODUCERS):
        seq = [i for (pp, i) in mine if pp == p]
        assert seq == sorted(seq), "a consumer saw one producer's items out of order"
print("ok", len(plain))
