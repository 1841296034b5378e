# Objects created in one thread and released in another; refcount churn on
# shared objects from all threads; producer/consumer through a Condition.
import threading

PRODUCERS = 3
CONSUMERS = 3
ITEMS = 5000


class Payload:
    created = 0
    lock = threading.Lock()

    def __init__(self, n):
        self.n = n
        self.data = [n] * 4
        with Payload.lock:
            Payload.created += 1


queue = []
cond = threading.Condition()
consumed = []
consumed_lock = threading.Lock()
finished = [0]


def producer(k):
    for i in range(ITEMS):
        item = Payload(k * ITEMS + i)
        with cond:
            queue.append(item)
            cond.notify()
    with cond:
        finished[0] += 1
        cond.notify_all()


def consumer():
    local = []
    while True:
        with cond:
            while not queue and finished[0] < PRODUCERS:
                cond.wait()
            if not queue:
                break
            item = queue.pop(0)
        local.append(item.n + sum(item.data) - 4 * item.n)  # item dropped in this thread
    with consumed_lock:
        consumed.extend(local)


shared = Payload(-1)


def churner():
    for _ in range(20000):
        a = shared
        b = [a, a, a]
        del a, b


threads = [threading.Thread(target=producer, args=(k,)) for k in range(PRODUCERS)]
threads += [threading.Thread(target=consumer) for _ in range(CONSUMERS)]
threads += [threading.Thread(target=churner) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert sorted(consumed) == list(range(PRODUCERS * ITEMS)), len(consumed)
assert Payload.created == PRODUCERS * ITEMS + 1
assert shared.data == [-1] * 4
print("cross_thread_objects ok")
