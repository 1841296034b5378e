# threading.local (_thread._local, src/modules/thread_local.cc) shared by
# many threads: each sees only its own attributes, a derived class's
# __init__ runs once per thread with the constructor's arguments, and what
# a thread stored is freed when the thread ends (checked with weak
# references to the stored values), while the main thread's values stay.
import threading
import weakref

THREADS = 8
ROUNDS = 4
OPS = 2000


class Value:
    pass


class Counter(threading.local):
    def __init__(self, start):
        self.n = start
        self.inits = getattr(self, "inits", 0) + 1


plain = threading.local()
plain.mine = "main"
counter = Counter(100)
failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
refs = []
refs_lock = threading.Lock()


def worker(k):
    assert not hasattr(plain, "mine")
    assert counter.n == 100 and counter.inits == 1
    v = Value()
    plain.value = v
    with refs_lock:
        refs.append(weakref.ref(v))
    for i in range(OPS):
        plain.x = (k, i)
        counter.n += 1
        assert plain.x == (k, i)
        if i % 100 == 0:
            del plain.x
            assert not hasattr(plain, "x")
    assert counter.n == 100 + OPS, counter.n
    assert sorted(plain.__dict__) == ["value", "x"]


for r in range(ROUNDS):
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
assert not failures, failures
assert len(refs) == THREADS * ROUNDS
alive = [r for r in refs if r() is not None]
assert not alive, "%d thread-local values outlived their threads" % len(alive)
assert plain.mine == "main" and not hasattr(plain, "x")
assert counter.n == 100 and counter.inits == 1
print("ok")
