# Generators shared by threads that call next(), throw() and close() on
# them concurrently: "already executing" errors are fine; each generator's
# finally runs exactly once.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

GENS = 300
THREADS = 4
finals = []


class Stop(Exception):
    pass


def gen(i):
    try:
        n = 0
        while True:
            try:
                yield (i, n)
                n += 1
            except Stop:
                yield (i, "caught")
    finally:
        finals.append(i)


gens = [gen(i) for i in range(GENS)]


def worker(k):
    for rnd in range(20):
        for i, g in enumerate(gens):
            op = (i + k + rnd) % 5
            try:
                if op < 3:
                    v = next(g)
                    assert v[0] == i
                elif op == 3:
                    g.throw(Stop)
                elif rnd > 10:
                    g.close()
            except ValueError as e:
                assert "already executing" in str(e), e
            except StopIteration:
                pass
            except Stop:
                pass  # thrown into a generator that had not started


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for g in gens:
    g.close()
# A finally ran at most once per generator (a throw() into an unstarted
# generator ends it without entering the try), and every one is finished.
assert len(finals) == len(set(finals)) and set(finals) <= set(range(GENS)), len(finals)
for g in gens:
    assert next(g, "finished") == "finished"
adv_harness.finish()
