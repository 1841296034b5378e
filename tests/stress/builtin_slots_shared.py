# A __slots__ value on an instance of a list subclass (stored after the
# list's fields) replaced by writers while readers read it without a lock
# and other threads append to the list itself: every read is a value some
# writer stored, and no append is lost.
import threading

THREADS = 4
ROUNDS = 20000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


class Tagged(list):
    __slots__ = ('tag',)


shared = Tagged()
shared.tag = ('w', -1)


def writer(w):
    for i in range(ROUNDS):
        shared.tag = ('w', w * ROUNDS + i)
        shared.append(i)


def reader():
    for _ in range(ROUNDS):
        kind, n = shared.tag
        assert kind == 'w' and -1 <= n < 2 * ROUNDS, n


threads = [threading.Thread(target=writer, args=(w,)) for w in range(2)]
threads += [threading.Thread(target=reader) for _ in range(THREADS - 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert len(shared) == 2 * ROUNDS and sorted(shared) == sorted(list(range(ROUNDS)) * 2)
print("ok")
