# Thousands of short threads, each allocating containers, handing some to
# the next generation of threads and dropping the rest: every handed-off
# object arrives intact, and the totals are exact.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

GENERATIONS = 40
PER_GEN = 50
inbox = []
lock = threading.Lock()
total = [0]


def worker(gen, k, parcel):
    if parcel is not None:
        assert parcel["gen"] == gen - 1 and len(parcel["items"]) == 100
        assert parcel["items"] == list(range(100)) and parcel["t"] == tuple(range(10))
    junk = [{i: [i] * 3} for i in range(50)]
    del junk
    out = {"gen": gen, "items": list(range(100)), "t": tuple(range(10)), "s": {k, gen}}
    with lock:
        inbox.append(out)
        total[0] += 1


parcels = [None] * PER_GEN
for gen in range(GENERATIONS):
    threads = [threading.Thread(target=worker, args=(gen, k, parcels[k])) for k in range(PER_GEN)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    parcels = inbox[:]
    inbox.clear()
    assert len(parcels) == PER_GEN
assert total[0] == GENERATIONS * PER_GEN
adv_harness.finish()
