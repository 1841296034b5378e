# The thread that created a list, a dict and an instance (their owner)
# replaces their values with fresh lists while other threads read them
# without locks. A replaced value dies at once unless a reader has marked
# the container shared (ftpy/shared_containers.h), and the list grows in
# place only while nobody else reads it: a reader must never see freed
# memory or a stale array. Every value read must be one that was stored,
# each slot's values must only move forward, and the final state is exact.
import threading

N = 20000
SLOTS = 8
READERS = 3


class Box:
    pass


for round_ in range(4):
    published = {}
    ready = threading.Event()
    done = threading.Event()
    bad = []

    def owner():
        box = Box()
        items = [[k, 0] for k in range(SLOTS)]
        table = {k: [k, 0] for k in range(SLOTS)}
        grow = []
        for k in range(SLOTS):
            setattr(box, f"a{k}", [k, 0])
        # The readers start after the owner: their first reads (which mark
        # the containers shared) race with writes that release at once.
        published["c"] = (box, items, table, grow)
        ready.set()
        for i in range(1, N + 1):
            k = i % SLOTS
            items[k] = [k, i]
            table[k] = [k, i]
            setattr(box, f"a{k}", [k, i])
            grow.append([len(grow)])
        done.set()

    def reader():
        ready.wait()
        box, items, table, grow = published["c"]
        last = [[0] * SLOTS for _ in range(3)]
        step = 0
        while True:
            step += 1
            finished = done.is_set()
            for k in range(SLOTS):
                for which, v in enumerate((items[k], table[k], getattr(box, f"a{k}"))):
                    if v[0] != k or v[1] < last[which][k] or v[1] > N:
                        bad.append((which, k, v, last[which][k]))
                        return
                    last[which][k] = v[1]
            n = len(grow)
            if n:
                j = (step * 7919) % n
                if grow[j] != [j] or grow[n - 1] != [n - 1]:
                    bad.append(("grow", j, grow[j], n))
                    return
            if finished:
                return

    threads = [threading.Thread(target=owner)]
    threads += [threading.Thread(target=reader) for _ in range(READERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not bad, bad[:3]
    box, items, table, grow = published["c"]
    for k in range(SLOTS):
        final = N - (N - k) % SLOTS
        assert items[k] == [k, final], (k, items[k])
        assert table[k] == [k, final], (k, table[k])
        assert getattr(box, f"a{k}") == [k, final]
    assert grow == [[j] for j in range(N)]

print("ok")
