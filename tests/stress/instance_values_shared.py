# Instances whose attributes live in values arrays indexed by their class's
# shared keys (design/instance-values.md), under
# threads: classes whose keys several threads add at once, shared
# instances read while writers replace, delete and re-add attributes, and
# others turn them into dicts (vars(), __dict__, __class__ assignment), and
# cycles through values arrays collected meanwhile. Exact final states.
import gc
import sys
import threading

THREADS = 4
ROUNDS = 300
NAMES = [f"a{i}" for i in range(40)]  # more than a class's 30 shared keys


def run(workers):
    threads = [threading.Thread(target=w) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# 1. Threads fill instances of one class in different orders: every
# instance keeps its own insertion order and values, the keys of the
# class are appended from all threads at once.
class Bag:
    pass


bags = [[] for _ in range(THREADS)]


def filler(k):
    def work():
        order = NAMES[k::THREADS] + NAMES[:k]  # overlapping, different orders
        for r in range(ROUNDS):
            b = Bag()
            for i, name in enumerate(order):
                setattr(b, name, (k, r, i))
            if r % 3 == 0:
                delattr(b, order[0])
                setattr(b, order[0], "again")
            bags[k].append((order, b))
    return work


run([filler(k) for k in range(THREADS)])
for k in range(THREADS):
    assert len(bags[k]) == ROUNDS
    for r, (order, b) in enumerate(bags[k]):
        expect = {name: (k, r, i) for i, name in enumerate(order)}
        if r % 3 == 0:
            del expect[order[0]]
            expect[order[0]] = "again"
        assert list(vars(b).items()) == list(expect.items()), (k, r)

# 2. One shared instance: writers replace two attributes with values that
# carry their own check; a deleter removes and re-adds a third (which turns
# the instance's array into a dict); readers check what they see.
class Point:
    def __init__(self):
        self.x = 0
        self.y = 0
        self.z = 0


seen = [0] * THREADS
errors = []


def shared_round(p, stop):
    def writer(k):
        def work():
            for i in range(2000):
                p.x = (k, i)
                p.y = (k, -i)
        return work

    def deleter():
        for i in range(500):
            del p.z
            p.z = i
            if i % 50 == 0:
                p.__dict__["w"] = i  # a dict from here on

    def reader(k):
        def work():
            n = 0
            while not stop:
                x = p.x
                if x != 0 and not (type(x) is tuple and len(x) == 2):
                    errors.append(("x", x))
                try:
                    z = p.z
                    if type(z) is not int:
                        errors.append(("z", z))
                except AttributeError:
                    pass  # between the delete and the store
                n += 1
            seen[k] += n
        return work

    readers = [threading.Thread(target=reader(k)) for k in range(2)]
    for t in readers:
        t.start()
    run([writer(0), writer(1), deleter])
    stop.append(True)
    for t in readers:
        t.join()


for _ in range(6):
    p = Point()
    shared_round(p, [])
    assert p.x in ((0, 1999), (1, 1999)), p.x
    assert p.y == (p.y[0], -1999), p.y
    assert p.z == 499 and p.w == 450, (p.z, p.w)
    assert list(vars(p)) == ["x", "y", "w", "z"], list(vars(p))
assert not errors, errors[:5]
assert all(n > 0 for n in seen[:2]), seen

# 3. __class__ assignment while other threads store and read: the values
# array becomes a dict before the class changes, and no attribute is lost.
class A:
    pass


class B:
    pass


def swap_round():
    objs = [A() for _ in range(50)]
    for i, o in enumerate(objs):
        o.n = i

    def swapper():
        for r in range(40):
            for o in objs:
                o.__class__ = B if r % 2 == 0 else A

    def storer(k):
        def work():
            for r in range(40):
                for o in objs:
                    setattr(o, f"t{k}", r)
                    if o.n < 0:
                        errors.append("n")
        return work

    run([swapper, storer(0), storer(1)])
    for i, o in enumerate(objs):
        assert type(o) is A
        assert vars(o) == {"n": i, "t0": 39, "t1": 39}, vars(o)
        assert (o.n, o.t0, o.t1) == (i, 39, 39)


for _ in range(3):
    swap_round()
assert not errors, errors[:5]

# 4. Cycles through values arrays, made and dropped by threads while one
# thread collects: every __del__ runs exactly once.
class Node:
    deaths = 0
    lock = threading.Lock()

    def __del__(self):
        with Node.lock:
            Node.deaths += 1


stop = []


def cycler():
    for _ in range(400):
        a = Node()
        b = Node()
        a.other = b
        b.other = a
        a.payload = [a, b]


def collector():
    while not stop:
        gc.collect()


c = threading.Thread(target=collector)
c.start()
run([cycler for _ in range(3)])
stop.append(True)
c.join()
gc.collect()
assert Node.deaths == 3 * 400 * 2, Node.deaths
print("instance_values_shared ok")
