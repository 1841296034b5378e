# Suspended generators whose finally blocks append to the very list that
# holds them, dropped by another thread's list.clear() or dict.clear():
# each finally runs exactly once, on whichever thread frees the generator.
# (This found a use-after-free: the free loop of QSBR ran the finally
# blocks, whose appends retired memory and polled again from inside it.)
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

ROUNDS = 30
N = 500  # past the QSBR poll batch: frees run inside a poll
ran = []


def gen(i, box):
    try:
        yield i
        yield -1
    finally:
        box.append(i)
        ran.append(i)


for rnd in range(ROUNDS):
    holder = []

    def make():
        for i in range(N):
            g = gen(i, holder)
            next(g)
            holder.append(g)

    t = threading.Thread(target=make)
    t.start()
    t.join()
    other = []

    def clear_list():
        holder.clear()

    def clear_dict():
        d = {i: gen(N + i, other) for i in range(N)}
        for g in d.values():
            next(g)
        d.clear()

    threads = [threading.Thread(target=f) for f in (clear_list, clear_dict)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # Every finally appended its index exactly once to its box.
    assert sorted(holder) == list(range(N)), len(holder)
    assert sorted(other) == list(range(N, 2 * N)), len(other)

assert len(ran) == ROUNDS * 2 * N, len(ran)

# close() from another thread while the creating thread still runs.
closed = []


def owner_then_closer():
    gs = [gen(i, closed) for i in range(N)]
    for g in gs:
        next(g)
    t = threading.Thread(target=lambda: [g.close() for g in gs[::2]])
    t.start()
    t.join()
    gs.clear()


for _ in range(5):
    closed.clear()
    t = threading.Thread(target=owner_then_closer)
    t.start()
    t.join()
    assert sorted(closed) == list(range(N)), len(closed)
adv_harness.finish()
