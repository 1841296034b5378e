# A thread hands objects it owns to another thread and exits while that
# thread drops them. Under biased reference counting the exiting owner merges
# the decrefs queued for it, and those merges free containers whose items it
# also owns, while the other thread's decrefs of the same items find the owner
# gone and merge on the spot (brc.h). Every object must be finalized exactly
# once: a lost decref leaks it, a doubled one frees it twice.
import threading

ROUNDS = 150
PAIRS = 2
ITEMS = 40

lock = threading.Lock()
finalized = [0]


class Tracked:
    __slots__ = ("n",)

    def __init__(self, n):
        self.n = n

    def __del__(self):
        with lock:
            finalized[0] += 1


def producer(mailbox, ready):
    items = [Tracked(i) for i in range(ITEMS)]
    # The consumer's references: the container (whose last decref it queues
    # back to us) and each item on its own.
    mailbox.append(([list(items), {i: t for i, t in enumerate(items)}], items[:]))
    ready.set()
    del items
    # Return at once: thread exit races the consumer's decrefs.


def consumer(mailbox, ready, seen):
    ready.wait()
    containers, items = mailbox.pop()
    seen.append(sum(t.n for t in items))
    del containers  # the last references are ours: queued to the producer
    while items:
        items.pop()  # each item's last reference, while the producer exits


created = 0
for r in range(ROUNDS):
    threads = []
    seen = []
    for p in range(PAIRS):
        mailbox = []
        ready = threading.Event()
        threads.append(threading.Thread(target=producer, args=(mailbox, ready)))
        threads.append(threading.Thread(target=consumer, args=(mailbox, ready, seen)))
        created += ITEMS
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == [sum(range(ITEMS))] * PAIRS, seen

assert finalized[0] == created, (finalized[0], created)
print("exiting_owner_handoff ok", created)
