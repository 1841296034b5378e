# _thread.lock (the one-byte mutex with a parking lot, src/modules/thread.cc)
# under contention: blocking acquires, timed acquires that give up while the
# lock is held, non-blocking probes, and releases by a thread other than the
# one that acquired. Every count is exact: a timed-out acquire must not own
# the lock, and a release must wake a parked waiter (a lost wake-up would
# hang the ping-pong below).
import _thread
import threading
import time

THREADS = 4
ROUNDS = 4000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)

# 1. Blocking and timed acquires on one lock.
lock = threading.Lock()
counter = [0]
timed_ok = [0] * THREADS
timed_out = [0] * THREADS


def contender(k):
    for i in range(ROUNDS):
        if i % 4 == 3:
            if lock.acquire(timeout=0.0005):
                counter[0] += 1
                timed_ok[k] += 1
                lock.release()
            else:
                timed_out[k] += 1
        elif i % 16 == 5:
            if lock.acquire(False):
                counter[0] += 1
                timed_ok[k] += 1
                lock.release()
            else:
                timed_out[k] += 1
        else:
            with lock:
                counter[0] += 1
                if i % 512 == 0:
                    assert not lock.acquire(False)  # held: a probe must fail


threads = [threading.Thread(target=contender, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
tries = sum(1 for i in range(ROUNDS) if i % 4 == 3 or i % 16 == 5)
assert sum(timed_ok) + sum(timed_out) == tries * THREADS
assert counter[0] == THREADS * (ROUNDS - tries) + sum(timed_ok), counter
assert not lock.locked()

# 2. Ping-pong: each side waits on a lock that only the other side releases
# (a release by a thread that did not acquire), so every round needs one
# wake-up to arrive.
PINGS = 3000
ping = _thread.allocate_lock()
pong = _thread.allocate_lock()
ping.acquire()
pong.acquire()
seen = []


def ponger():
    for i in range(PINGS):
        ping.acquire()
        seen.append(2 * i + 1)
        pong.release()


t = threading.Thread(target=ponger)
t.start()
for i in range(PINGS):
    seen.append(2 * i)
    ping.release()
    pong.acquire()
t.join()
assert seen == list(range(2 * PINGS)), seen[:10]

# 3. Timeouts expire while the holder keeps the lock; the release still
# wakes the one blocking waiter.
held = threading.Lock()
held.acquire()
results = []


def timer_waiter():
    results.append(held.acquire(timeout=0.01))


def blocking_waiter():
    results.append(held.acquire())
    held.release()


timers = [threading.Thread(target=timer_waiter) for _ in range(3)]
for w in timers:
    w.start()
for w in timers:
    w.join()
blocker = threading.Thread(target=blocking_waiter)
blocker.start()
time.sleep(0.01)  # let it park, then release from the main thread
held.release()
blocker.join()
assert results == [False, False, False, True], results
assert not held.locked()

# 4. Misuse still raises.
try:
    lock.release()
except RuntimeError as e:
    assert str(e) == "release unlocked lock", e
else:
    raise AssertionError("released an unlocked lock")
print("ok")
