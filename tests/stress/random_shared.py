# One _random generator shared by four threads (random.py's module-level
# functions share one too): every draw is one whole step of the Mersenne
# Twister, so the draws of all threads together are exactly the first
# THREADS * N outputs of a generator seeded the same way, none repeated or
# lost. getrandbits() of many words, getstate() and seed() race with them
# too, and a state read mid-race is still a valid state.
import random
import threading

THREADS = 4
N = 5000
failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)

shared = random.Random(2024)
got = [[] for _ in range(THREADS)]
start = threading.Barrier(THREADS)


def draw(k):
    start.wait()
    out = got[k]
    for i in range(N):
        out.append(shared.random())


threads = [threading.Thread(target=draw, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
reference = random.Random(2024)
expected = sorted(reference.random() for _ in range(THREADS * N))
assert sorted(x for part in got for x in part) == expected

# Wide getrandbits draws, state snapshots and reseeding, all at once.
states = []


def churn(k):
    start.wait()
    for i in range(1500):
        if k == 0:
            shared.seed(i)
        elif k == 1:
            states.append(shared.getstate())
        else:
            assert 0 <= shared.getrandbits(200) < 1 << 200


threads = [threading.Thread(target=churn, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
probe = random.Random()
for st in states[::50]:
    probe.setstate(st)  # each snapshot is a whole state
    probe.random()
print('ok')
