# Set members whose __eq__ adds to and discards from the set being
# searched, with other threads mutating it: no crash, no lost stable member.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 2000
s = set(range(1000))


class Member:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v % 16

    def __eq__(self, other):
        if isinstance(other, Member):
            s.add(-1 - self.v)
            s.discard(-self.v)
            return self.v == other.v
        return NotImplemented


def worker(k):
    for i in range(ITERS):
        m = Member(10**6 + k * ITERS + i)
        s.add(m)
        assert Member(m.v) in s
        s.discard(m)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert set(range(1000)) <= s
assert not any(isinstance(x, Member) for x in s)
assert len(s) == len(list(s))
adv_harness.finish()
