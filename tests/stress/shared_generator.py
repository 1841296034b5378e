# Several threads pull from one generator. A generator runs on one thread at
# a time: a thread that finds it running elsewhere gets ValueError ("generator
# already executing") and retries. Every value must be delivered exactly once.
import threading

THREADS = 4
N = 20000
ROUNDS = 5


def numbers(n):
    for i in range(n):
        yield i


for round_ in range(ROUNDS):
    gen = numbers(N)
    got = [[] for _ in range(THREADS)]
    busy = [0] * THREADS

    def pull(k):
        mine = got[k]
        while True:
            try:
                mine.append(next(gen))
            except ValueError:
                busy[k] += 1
            except StopIteration:
                return

    workers = [threading.Thread(target=pull, args=(k,)) for k in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    everything = sorted(v for mine in got for v in mine)
    assert everything == list(range(N)), (len(everything), N)
    for mine in got:
        assert mine == sorted(mine), "each thread sees increasing values"

# Renaming while other threads read the name, the repr and gi_frame: every
# read sees one of the names written, and the generator still runs.
names = ["n%d" % i for i in range(THREADS)]
target = numbers(10**9)
next(target)
bad = []


def rename(k):
    for i in range(2000):
        target.__name__ = names[k]
        target.__qualname__ = names[(k + i) % THREADS]
        if target.__name__ not in names or target.__qualname__ not in names:
            bad.append(target.__name__)
        if repr(target).split()[2] not in names:
            bad.append(repr(target))
        frame = target.gi_frame
        if frame is not None and frame.f_code.co_name != "numbers":
            bad.append(frame)


workers = [threading.Thread(target=rename, args=(k,)) for k in range(THREADS)]
for w in workers:
    w.start()
for w in workers:
    w.join()
assert not bad, bad[:5]
assert next(target) == 1
print("shared_generator ok")
