# One property's __doc__ written, deleted and read by four threads while
# its getter is read and called: every read sees a whole value (one of the
# docs written, None after a delete, or the getter's own docstring), and
# the property keeps working.
import threading

THREADS = 4
ROUNDS = 20000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


class A:
    @property
    def x(self):
        "getter doc"
        return 42


prop = A.__dict__['x']
docs = ['doc %d' % k for k in range(THREADS)]
allowed = set(docs) | {None, 'getter doc'}
start = threading.Barrier(THREADS)


def worker(k):
    a = A()
    start.wait()
    for i in range(ROUNDS):
        if i % 3 == 0:
            prop.__doc__ = docs[k]
        elif i % 7 == 0:
            del prop.__doc__
        d = prop.__doc__
        assert d in allowed, d
        assert prop.fget(a) == 42 and a.x == 42


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert prop.__doc__ in allowed
print("ok")
