# collections.deque and defaultdict shared by four threads. Producers
# append at both ends while consumers pop from both ends: every item comes
# out exactly once. Rotations, reversals and removals race with appends on
# a second deque without losing or duplicating an item; a bounded deque
# keeps exactly maxlen items, all of them appended ones; a shared iterator
# over a quiet deque hands out each item once. Threads fill
# defaultdict(list) through d[k].append(x): no item is lost (the first
# stored list wins when two threads miss one key).
import threading
from collections import deque, defaultdict

THREADS = 4
ITEMS = 4000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


def run(target, n=THREADS):
    threads = [threading.Thread(target=target, args=(k,)) for k in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# Producers and consumers.
q = deque()
got = [[] for _ in range(THREADS)]
produced = threading.Event()
remaining = [2]
count_lock = threading.Lock()


def pc(k):
    if k < 2:
        for i in range(ITEMS):
            (q.append if i % 2 else q.appendleft)((k, i))
        with count_lock:
            remaining[0] -= 1
        return
    mine = got[k]
    while True:
        try:
            mine.append(q.pop() if len(mine) % 2 else q.popleft())
        except IndexError:
            with count_lock:
                if remaining[0] == 0 and not q:
                    return


run(pc)
everything = sorted(got[2] + got[3])
assert everything == [(k, i) for k in range(2) for i in range(ITEMS)], len(everything)

# Rotations, reversals and removals racing with appends.
r = deque(range(100))


def churn(k):
    for i in range(ITEMS // 4):
        if k == 0:
            r.append(1000 + i)
        elif k == 1:
            r.rotate(i % 7 - 3)
        elif k == 2:
            r.reverse()
        else:
            try:
                r.remove(i)
            except (ValueError, IndexError):
                pass  # not there, or the deque changed under the compare


run(churn)
left = sorted(r)
assert left[-ITEMS // 4:] == [1000 + i for i in range(ITEMS // 4)], left[-5:]
assert len(set(left)) == len(left)
assert all(x < 100 for x in left[:-ITEMS // 4])

# A bounded deque.
b = deque(maxlen=50)
run(lambda k: [b.append((k, i)) if i % 2 else b.appendleft((k, i)) for i in range(ITEMS)])
assert len(b) == 50 and len(set(b)) == 50
assert all(0 <= k < THREADS and 0 <= i < ITEMS for k, i in b)

# One iterator, four threads.
source = deque(range(ITEMS))
it = iter(source)
seen = [[] for _ in range(THREADS)]
run(lambda k: seen[k].extend(it))
assert sorted(seen[0] + seen[1] + seen[2] + seen[3]) == list(range(ITEMS))

# defaultdict(list) filled from four threads.
dd = defaultdict(list)
run(lambda k: [dd[i % 17].append((k, i)) for i in range(ITEMS)])
assert sum(len(v) for v in dd.values()) == THREADS * ITEMS
assert sorted(x for v in dd.values() for x in v) == [(k, i) for k in range(THREADS) for i in range(ITEMS)]

assert not failures, failures
print("ok")
