# anext(it, default) awaitables stepped by many threads: each step of one
# awaitable runs on whichever worker takes it from a shared queue, so the
# iterator the awaitable creates on its first step (published under its
# critical section) is used by other threads afterwards. Every generator's
# value and every end-of-iteration default must arrive exactly once. Then
# threads race to take the first step of the same fresh awaitables: one
# creates the iterator, the rest must see that same one (an error for the
# losers of the generator's claim is allowed, a value twice is not).
import queue
import threading

WORKERS = 4
GENS = 400

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


class Tick:
    def __await__(self):
        yield "tick"


async def agen(i):
    await Tick()
    yield i


def phase_one():
    work = queue.Queue()
    results = []
    lock = threading.Lock()
    for i in range(GENS):
        g = agen(i)
        work.put((anext(g, "unused"), g, i, 0))

    def worker():
        while True:
            item = work.get()
            if item is None:
                return
            aw, g, i, step = item
            try:
                v = aw.send(None)
            except StopIteration as e:
                with lock:
                    results.append((i, step, e.value))
                if e.value != "end":
                    work.put((anext(g, "end"), g, i, step + 1))  # the generator's end next
                    continue
            else:
                assert v == "tick", v
                work.put((aw, g, i, step + 1))
                continue
            with lock:
                finished = sum(1 for r in results if r[2] == "end")
            if finished == GENS:
                for _ in range(WORKERS):
                    work.put(None)

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    values = sorted(r for r in results if r[2] != "end")
    ends = sorted(r[0] for r in results if r[2] == "end")
    assert values == [(i, 1, i) for i in range(GENS)], values[:5]
    assert ends == list(range(GENS)), ends[:5]


def phase_two():
    rounds = 200
    seen = []
    lock = threading.Lock()
    for _ in range(rounds):
        aw = anext(agen(7), "d")
        barrier = threading.Barrier(WORKERS)
        got = []

        def racer():
            barrier.wait()
            for _ in range(3):
                try:
                    v = aw.send(None)
                except StopIteration as e:
                    got.append(("value", e.value))
                except (RuntimeError, ValueError) as e:  # already running / executing
                    got.append(("error", str(e)))
                else:
                    got.append(("yield", v))

        threads = [threading.Thread(target=racer) for _ in range(WORKERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        ticks = got.count(("yield", "tick"))
        sevens = got.count(("value", 7))
        assert ticks <= 1 and sevens <= 1, got
        for kind, what in got:
            assert kind != "value" or what in (7, "d"), got
        with lock:
            seen.append((ticks, sevens))
    assert len(seen) == rounds


for _ in range(3):
    phase_one()
phase_two()
assert not failures, failures
print("anext_awaitable_shared ok")
