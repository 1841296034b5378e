# __del__ that raises, on many threads at once: each error is reported as
# "Exception ignored in" (stderr, not checked here) and never escapes into
# the code that dropped the object; the dropping thread's own exception in
# flight survives.
import sys
import threading
sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 800
ran = []


class Grumpy:
    def __init__(self, i):
        self.i = i

    def __del__(self):
        ran.append(self.i)
        raise ValueError("from __del__")


class Quiet:
    def write(self, text):
        pass

    def flush(self):
        pass


sys.stderr = Quiet()  # the ignored-exception reports would flood the log


def worker(k):
    for i in range(ITERS):
        g = Grumpy(k * ITERS + i)
        del g
        try:
            try:
                raise KeyError(i)
            finally:
                g = Grumpy(-1)
                g = None
        except KeyError as e:
            assert e.args == (i,)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
sys.stderr = sys.__stderr__
assert sorted(x for x in ran if x >= 0) == list(range(THREADS * ITERS))
assert ran.count(-1) == THREADS * ITERS
adv_harness.finish()
