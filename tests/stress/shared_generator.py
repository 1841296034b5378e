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
print("shared_generator ok")
