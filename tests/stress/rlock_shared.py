# _thread.RLock under contention: four threads take it recursively (three
# levels), bump a counter at every level and release; the total is exact,
# only the holder may release, and _release_save/_acquire_restore hand it
# over intact.
import _thread
import threading

THREADS = 4
ROUNDS = 3000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
lock = _thread.RLock()
counter = [0]


def worker():
    for i in range(ROUNDS):
        with lock:
            counter[0] += 1
            with lock:
                counter[0] += 1
                lock.acquire()
                counter[0] += 1
                assert lock._is_owned()
                if i % 100 == 0:
                    state = lock._release_save()
                    assert state[0] == 3 and not lock._is_owned()
                    lock._acquire_restore(state)
                    assert lock._is_owned()
                lock.release()
        try:
            lock.release()
        except RuntimeError:
            pass
        else:
            raise AssertionError("released a lock it did not hold")


threads = [threading.Thread(target=worker) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert counter[0] == THREADS * ROUNDS * 3, counter[0]
assert not lock._is_owned() and lock.acquire(False)
lock.release()
print("ok")
