# list.index/count/remove/`in` and == over items whose __eq__ mutates the
# list being searched, with other threads appending and popping.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 800
lst = []


class Shifty:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        if len(lst) > 300:
            del lst[:100]
        lst.append(Shifty(-1))
        return isinstance(other, Shifty) and other.v == self.v

    __hash__ = None


def worker(k):
    for i in range(ITERS):
        probe = Shifty(k * ITERS + i)
        lst.append(Shifty(k * ITERS + i))
        probe in lst
        lst.count(probe)
        try:
            lst.index(probe)
            lst.remove(probe)
        except ValueError:
            pass
        lst == [probe]


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert all(isinstance(x, Shifty) for x in lst)
assert len(lst) == len(list(lst))
adv_harness.finish()
