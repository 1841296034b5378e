# copy.copy and __reduce_ex__ of objects other threads are mutating: two
# threads append to a shared list subclass and set attributes on a shared
# instance with __slots__ and a dict, while two others copy them. Every
# copy is a snapshot: the list copy is a prefix of what the writers
# appended (each writer's own items in order), and the instance copy holds
# values some writer stored. Each writer's items all arrive exactly once.
import copy
import threading

THREADS = 2
ROUNDS = 3000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


class Log(list):
    pass


class Point:
    __slots__ = ('x', 'y', '__dict__')


log = Log()
log.tag = "shared"
point = Point()
point.x = point.y = 0
done = threading.Event()


def writer(w):
    for i in range(ROUNDS):
        log.append((w, i))
        point.x = i
        point.y = -i
        setattr(point, f"a{i % 7}", i)
        if i % 50 == 0:
            try:
                del point.__dict__[f"a{(i + 3) % 7}"]
            except KeyError:
                pass


def reader():
    copies = 0
    while not done.is_set() or copies < 100:
        c = copy.copy(log)
        assert type(c) is Log and c.tag == "shared"
        seen = {}
        for w, i in c:
            assert seen.get(w, -1) == i - 1, (w, i, seen.get(w))
            seen[w] = i
        p = copy.copy(point)
        assert type(p) is Point
        assert 0 <= p.x < ROUNDS and -ROUNDS < p.y <= 0
        for k, v in p.__dict__.items():
            assert k[0] == "a" and int(k[1:]) == v % 7, (k, v)
        red = point.__reduce_ex__(2)
        assert red[2][1]["x"] >= 0
        copies += 1


writers = [threading.Thread(target=writer, args=(w,)) for w in range(THREADS)]
readers = [threading.Thread(target=reader) for _ in range(2)]
for t in readers + writers:
    t.start()
for t in writers:
    t.join()
done.set()
for t in readers:
    t.join()
assert not failures, failures
assert len(log) == THREADS * ROUNDS
assert sorted(log) == [(w, i) for w in range(THREADS) for i in range(ROUNDS)]
assert copy.copy(log) == log
print("ok")
