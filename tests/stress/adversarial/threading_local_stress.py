# A threading.local subclass used by many short threads at once: each
# thread runs __init__ once, sees only its own attributes, and the object
# forgets a thread's attributes when it ends.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 8
ROUNDS = 30


class Ctx(threading.local):
    def __init__(self, base):
        self.inits = getattr(self, "inits", 0) + 1
        self.values = [base]


ctx = Ctx(7)
errors = []


def worker(k):
    if ctx.inits != 1 or ctx.values != [7]:
        errors.append(("fresh", k, ctx.inits, ctx.values))
    for i in range(200):
        ctx.values.append(k)
        ctx.last = (k, i)
    if ctx.values != [7] + [k] * 200 or ctx.last != (k, 199):
        errors.append(("own", k))


for rnd in range(ROUNDS):
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
assert errors == [], errors[:3]
assert ctx.inits == 1 and ctx.values == [7] and not hasattr(ctx, "last")
adv_harness.finish()
