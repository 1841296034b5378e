# Many short-lived threads started and joined; each result arrives once.
import threading

BATCHES = 20
PER_BATCH = 25
results = []
lock = threading.Lock()


def work(n):
    value = sum(range(n))
    with lock:
        results.append((n, value))


for b in range(BATCHES):
    threads = [threading.Thread(target=work, args=(b * PER_BATCH + i,)) for i in range(PER_BATCH)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(not t.is_alive() for t in threads)

assert len(results) == BATCHES * PER_BATCH
assert sorted(results) == [(n, sum(range(n))) for n in range(BATCHES * PER_BATCH)]
assert threading.active_count() == 1
print("thread_churn ok")
