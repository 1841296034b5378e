# Instances of classes derived from list, dict, set, int and str, shared by
# threads. The builtin part keeps its own thread-safety (no item lost), the
# pre-header dict holding instance attributes is created once even when
# threads race to make it, overridden dunders run for every thread, and
# objects with a pre-header are freed on whichever thread drops them last.
import threading

THREADS = 4
N = 20000


class Log(list):
    def push(self, x):
        self.append(x)


class Tally(dict):
    def __missing__(self, key):
        return 0


class Seen(set):
    pass


class Tagged(int):
    pass


class Word(str):
    pass


log = Log()
tally = Tally()
seen = Seen()
tally_lock = threading.Lock()
start = threading.Barrier(THREADS)


def worker(tid):
    start.wait()
    for i in range(N):
        log.push((tid, i))
        with tally_lock:
            tally[i % 7] += 1
        seen.add(i % 1000 + tid * 1000)
        # Every thread races to create the same instance dicts.
        setattr(log, "t%d" % tid, i)
        setattr(tally, "t%d" % tid, i)


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(log) == THREADS * N, len(log)
assert sorted(log) == sorted((t, i) for t in range(THREADS) for i in range(N))
assert sum(tally.values()) == THREADS * N and tally[99] == 0, dict(tally)
assert all(tally[k] == THREADS * len(range(k, N, 7)) for k in range(7))
assert len(seen) == THREADS * 1000, len(seen)
for t in range(THREADS):
    assert getattr(log, "t%d" % t) == N - 1 and getattr(tally, "t%d" % t) == N - 1
assert len(log.__dict__) == THREADS and len(tally.__dict__) == THREADS

# Values made in one thread and dropped in another: a queue of subclass
# instances with attributes, consumed on other threads.
ROUNDS = 5000
handoff = []
cv = threading.Condition()
produced_done = []


def producer(tid):
    for i in range(ROUNDS):
        v = Tagged(i)
        v.origin = tid
        w = Word("w%d" % i)
        w.extra = [i]
        with cv:
            handoff.append((v, w))
            cv.notify()
    with cv:
        produced_done.append(tid)
        cv.notify_all()


totals = [0, 0]


def consumer(slot):
    while True:
        with cv:
            while not handoff and len(produced_done) < 2:
                cv.wait()
            if not handoff:
                return
            v, w = handoff.pop()
        assert w == "w%d" % v and w.extra == [v] and v.origin in (0, 1)
        totals[slot] += int(v)


threads = [threading.Thread(target=producer, args=(t,)) for t in range(2)]
threads += [threading.Thread(target=consumer, args=(s,)) for s in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert sum(totals) == 2 * sum(range(ROUNDS)), totals

print("builtin_subclasses_shared ok")
