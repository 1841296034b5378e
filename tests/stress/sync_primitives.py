# Lock, RLock, Semaphore, Barrier, Event and thread-local data under load.
import threading

THREADS = 6
ITERS = 5000
counter = 0
lock = threading.Lock()
rlock = threading.RLock()


def locked_increments():
    global counter
    for _ in range(ITERS):
        with lock:
            counter += 1
        with rlock:
            with rlock:
                pass


threads = [threading.Thread(target=locked_increments) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert counter == THREADS * ITERS, counter

sem = threading.Semaphore(2)
inside = [0]
peak = [0]
inside_lock = threading.Lock()


def limited():
    for _ in range(200):
        with sem:
            with inside_lock:
                inside[0] += 1
                peak[0] = max(peak[0], inside[0])
            with inside_lock:
                inside[0] -= 1


threads = [threading.Thread(target=limited) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert inside[0] == 0 and 1 <= peak[0] <= 2, peak

barrier = threading.Barrier(THREADS)
phases = []
phase_lock = threading.Lock()


def phased(k):
    for phase in range(5):
        with phase_lock:
            phases.append((phase, k))
        barrier.wait()


threads = [threading.Thread(target=phased, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i, (phase, _) in enumerate(phases):
    assert phase == i // THREADS, "barrier let a thread run ahead"

store = threading.local()
seen = []


def with_local(k):
    store.value = k
    for _ in range(1000):
        assert store.value == k
    with lock:
        seen.append(store.value)


threads = [threading.Thread(target=with_local, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert sorted(seen) == list(range(THREADS))

ready = threading.Event()
woken = []


def waiter(k):
    ready.wait()
    with lock:
        woken.append(k)


threads = [threading.Thread(target=waiter, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
ready.set()
for t in threads:
    t.join()
assert sorted(woken) == list(range(THREADS))
print("sync_primitives ok")
