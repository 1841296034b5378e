# __slots__ on classes derived from float and complex (their values follow
# the builtin's fields) under threads: writers store into the same slots of
# shared instances while readers read them and use the numbers; every read
# is a value some thread stored (or the slot is unset), the numbers never
# change, and after the writers finish each slot holds its last writer's
# final value. Then instances with slot cycles are made and dropped on other
# threads; the collector frees them all.
import gc
import threading

THREADS = 4
OBJECTS = 64
ROUNDS = 300

failures = []
threading.excepthook = lambda args: failures.append(repr(args.exc_value))


class F(float):
    __slots__ = ("owner", "value")


class C(complex):
    __slots__ = ("owner",)


floats = [F(i + 0.5) for i in range(OBJECTS)]
complexes = [C(i, -i) for i in range(OBJECTS)]
start = threading.Barrier(THREADS * 2)


def writer(k):
    start.wait()
    for r in range(ROUNDS):
        for i, (f, c) in enumerate(zip(floats, complexes)):
            if i % THREADS == k:
                f.owner = k
                f.value = r
                c.owner = (k, r)


def reader():
    start.wait()
    for _ in range(ROUNDS):
        for i, (f, c) in enumerate(zip(floats, complexes)):
            assert f == i + 0.5 and c == complex(i, -i)
            owner = getattr(f, "owner", None)
            assert owner is None or owner == i % THREADS, owner
            co = getattr(c, "owner", None)
            assert co is None or (co[0] == i % THREADS and 0 <= co[1] < ROUNDS), co


threads = [threading.Thread(target=writer, args=(k,)) for k in range(THREADS)]
threads += [threading.Thread(target=reader) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
for i, (f, c) in enumerate(zip(floats, complexes)):
    assert f.owner == i % THREADS and f.value == ROUNDS - 1 and c.owner == (i % THREADS, ROUNDS - 1)

# Cycles through slots, made on some threads and dropped on others.
lock = threading.Lock()
made = []


def maker():
    local = []
    for i in range(500):
        f = F(i)
        f.owner = f  # a cycle through the slot
        local.append(f)
    with lock:
        made.append(local)


threads = [threading.Thread(target=maker) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
count = sum(len(m) for m in made)
assert count == THREADS * 500
gc.collect()
made.clear()
found = gc.collect()  # each instance is a cycle through its own slot
assert found >= count, (found, count)
print("ok")
