# One class renamed (__name__, __qualname__, __module__) by one thread
# while three others read its names, repr it and its instances, and build
# error messages that quote it: every read sees one whole name that was
# assigned, and the class keeps working.
import threading

THREADS = 4
ROUNDS = 3000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


class A:
    def f(self):
        return 7


names = ['A'] + ['N%d' % i for i in range(10)]
quals = ['A'] + ['Q%d' % i for i in range(10)]
modules = ['__main__'] + ['m%d' % i for i in range(10)]
start = threading.Barrier(THREADS)


def worker(k):
    a = A()
    start.wait()
    for i in range(ROUNDS):
        if k == 0:
            A.__name__ = names[i % 11]
            A.__qualname__ = quals[i % 11]
            A.__module__ = modules[i % 11]
        else:
            assert A.__name__ in names and type(a).__name__ in names
            assert A.__qualname__ in quals and A.__module__ in modules
            r = repr(A)
            assert r.startswith("<class '") and r.endswith("'>"), r
            try:
                a.missing
            except AttributeError as e:
                assert str(e).split("'")[1] in names, e
            assert a.f() == 7


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
print("ok")
