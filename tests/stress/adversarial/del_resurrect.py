# __del__ that resurrects its object into a shared list, run on whichever
# thread drops the last reference: each object's finalizer runs once (PEP
# 442), every object is resurrected exactly once, and the list keeps them all.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
PER_THREAD = 3000
graveyard = []
calls = []


class Phoenix:
    def __init__(self, k, i):
        self.key = (k, i)

    def __del__(self):
        calls.append(self.key)
        graveyard.append(self)


hand_off = [[] for _ in range(THREADS)]


def maker(k):
    for i in range(PER_THREAD):
        hand_off[k].append(Phoenix(k, i))


def dropper(k):
    lst = hand_off[(k + 1) % THREADS]  # made by another thread
    while lst:
        lst.pop()


for phase in (maker, dropper):
    threads = [threading.Thread(target=phase, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

expected = {(k, i) for k in range(THREADS) for i in range(PER_THREAD)}
assert len(calls) == len(expected) and set(calls) == expected, len(calls)
assert len(graveyard) == len(expected)
assert {p.key for p in graveyard} == expected
before = len(calls)
graveyard.clear()  # a resurrected object dies for good: no second __del__
assert len(calls) == before, len(calls) - before
adv_harness.finish()
