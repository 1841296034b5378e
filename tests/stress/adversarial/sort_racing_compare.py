# One thread sorts private copies of a list whose __lt__ reads an attribute
# that another thread keeps rewriting: the comparisons are no longer a
# consistent order, and the sort must still return a permutation (this
# segfaulted about one run in six before the sort was rewritten).
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

N = 300
class Item:
    def __init__(self, i):
        self.i = i
        self.weight = i

    def __lt__(self, other):
        return self.weight < other.weight


items_ = [Item(i) for i in range(N)]
stop = False


def rewriter():
    x = 1
    while not stop:
        x = (x * 1103515245 + 12345) % 2**31
        items_[x % N].weight = (x >> 8) % N


t = threading.Thread(target=rewriter)
t.start()
for rnd in range(300):
    copy = list(items_)
    copy.sort()
    assert sorted(x.i for x in copy) == list(range(N))
    copy.sort(reverse=True)
    assert len(copy) == N and len(set(map(id, copy))) == N
stop = True
t.join()
adv_harness.finish()
