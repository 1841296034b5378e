# __hash__ and __eq__ that raise part of the time, used as dict keys and set
# members from several threads: the exception reaches the caller, and the
# containers keep exactly the entries whose operations succeeded.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 3000


class Flaky:
    def __init__(self, k, i):
        self.k, self.i = k, i

    def __hash__(self):
        if self.i % 7 == 3:
            raise ArithmeticError("bad hash")
        return hash((self.k, self.i // 2))  # pairs collide

    def __eq__(self, other):
        if isinstance(other, Flaky) and (self.i + other.i) % 11 == 5:
            raise LookupError("bad eq")
        return isinstance(other, Flaky) and (self.k, self.i) == (other.k, other.i)


d = {}
s = set()
ok = [set() for _ in range(THREADS)]


def worker(k):
    for i in range(ITERS):
        key = Flaky(k, i)
        try:
            d[key] = i
            s.add(key)
            ok[k].add(i)
        except (ArithmeticError, LookupError):
            if i % 7 != 3:
                try:
                    d.pop(key, None)  # may raise again: then the entry stays
                except LookupError:
                    pass


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
in_dict = {(key.k, key.i) for key in d}
expected = {(k, i) for k in range(THREADS) for i in ok[k]}
assert expected <= in_dict, len(expected - in_dict)
assert all(d_val == key.i for key, d_val in d.items())
# An add that raised may have left its entry in d (its pop raised too), never in s.
assert {(m.k, m.i) for m in s} == expected
adv_harness.finish()
