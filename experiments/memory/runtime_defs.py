# 100,000 functions (exec of a def) and 100,000 classes made at run time and
# handed to a worker thread, which calls them and drops them. Functions and
# classes use deferred reference counting in ftpy: only the collector frees
# them (design/refcounting.md).
import queue
import threading

import _peak  # noqa: F401  (reports the peak at exit)

q = queue.Queue()


def worker():
    total = 0
    while True:
        item = q.get()
        if item is None:
            break
        f, cls = item
        total += f() + cls().v
    assert total == 200_000, total


t = threading.Thread(target=worker)
t.start()
for i in range(100_000):
    ns = {}
    exec("def f(): return 1", ns)

    class C:
        v = 1

        def m(self):
            return self

    q.put((ns["f"], C))
q.put(None)
t.join()
