# A class's __abstractmethods__ flipped by one thread while others
# instantiate it: each attempt either makes an instance or raises CPython's
# "Can't instantiate abstract class" TypeError naming the method, never
# anything else; once the flipper stops with the class concrete, every
# thread can instantiate it. Exact counts: every attempt is accounted for.
import threading

THREADS = 3
FLIPS = 2000
ATTEMPTS = 4000

failures = []
threading.excepthook = lambda args: failures.append(repr(args.exc_value))


class E:
    pass


start = threading.Barrier(THREADS + 1)
made = [0] * THREADS
refused = [0] * THREADS
MESSAGE = "Can't instantiate abstract class E with abstract method m"


def flipper():
    start.wait()
    for i in range(FLIPS):
        E.__abstractmethods__ = frozenset({"m"}) if i % 2 == 0 else frozenset()
    E.__abstractmethods__ = frozenset()


def maker(k):
    start.wait()
    for _ in range(ATTEMPTS):
        try:
            obj = E()
        except TypeError as e:
            assert str(e) == MESSAGE, str(e)
            refused[k] += 1
        else:
            assert type(obj) is E
            made[k] += 1


threads = [threading.Thread(target=flipper)] + [threading.Thread(target=maker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert all(m + r == ATTEMPTS for m, r in zip(made, refused)), (made, refused)
assert type(E()) is E
E.__abstractmethods__ = frozenset({"m"})
try:
    E()
except TypeError as e:
    assert str(e) == MESSAGE
else:
    raise AssertionError("abstract class instantiated")
print("ok")
