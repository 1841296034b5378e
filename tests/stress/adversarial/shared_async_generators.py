# Async generators shared between threads. Threads race to advance the same
# async generators, each driving its own __anext__() awaitable by hand
# through the generator's awaits. A thread that starts while another's
# __anext__() is in progress gets "anext(): asynchronous generator is
# already running" and tries again; every value must be taken by exactly
# one thread, each generator's finally must run once, and aclose() from
# several threads at once must leave every generator closed.
import sys
import threading

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402

THREADS = 4
GENERATORS = 40
VALUES = 300


class Tick:
    def __await__(self):
        yield "tick"


finally_runs = []


async def produce(gid):
    try:
        for i in range(VALUES):
            await Tick()
            yield (gid, i)
            await Tick()
    finally:
        finally_runs.append(gid)


def drive(awaitable):
    """Runs one awaitable to completion: ('value', v), ('stop',) or ('busy',)."""
    try:
        while True:
            awaitable.send(None)
    except StopIteration as e:
        return ("value", e.value)
    except StopAsyncIteration:
        return ("stop",)
    except RuntimeError as e:
        if "already running" in str(e):
            return ("busy",)
        raise
    except ValueError as e:
        if "already executing" in str(e):
            return ("busy",)
        raise


gens = [produce(g) for g in range(GENERATORS)]
taken = [[] for _ in range(THREADS)]
start = threading.Barrier(THREADS)


def worker(t):
    start.wait()
    done = set()
    while len(done) < GENERATORS:
        for gid, g in enumerate(gens):
            if gid in done:
                continue
            result = drive(g.__anext__())
            if result[0] == "value":
                taken[t].append(result[1])
            elif result[0] == "stop":
                done.add(gid)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()
all_taken = sorted(v for part in taken for v in part)
assert all_taken == [(g, i) for g in range(GENERATORS) for i in range(VALUES)], (len(all_taken), all_taken[:5])
assert sorted(finally_runs) == list(range(GENERATORS)), sorted(finally_runs)[:10]

# Concurrent aclose() on generators suspended mid-iteration.
finally_runs.clear()
gens = [produce(g) for g in range(GENERATORS)]
for g in gens:
    assert drive(g.__anext__())[0] == "value"
start = threading.Barrier(THREADS)


def closer():
    start.wait()
    for g in gens:
        try:
            a = g.aclose()
            while True:
                a.send(None)
        except StopIteration:
            pass
        except RuntimeError as e:
            assert "already running" in str(e), e
        except ValueError as e:
            assert "already executing" in str(e), e


threads = [threading.Thread(target=closer) for _ in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()
for g in gens:
    assert drive(g.__anext__()) == ("stop",)
assert sorted(finally_runs) == list(range(GENERATORS)), sorted(finally_runs)
adv_harness.finish()
