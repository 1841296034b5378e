# Classes with __getattr__, __setattr__ and __getattribute__ hooks that
# keep shared state, used from several threads at once: every store goes
# through the hook and is counted; every read returns a stored value.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 3000
log = []


class Recorder:
    def __setattr__(self, name, value):
        log.append(name)
        object.__setattr__(self, name, value)

    def __getattr__(self, name):
        return ("missing", name)


class Audited(Recorder):
    def __getattribute__(self, name):
        if name == "secret":
            return "hidden"
        return object.__getattribute__(self, name)


shared = Audited()


def worker(k):
    mine = Recorder()
    for i in range(ITERS):
        setattr(shared, f"f{k}", i)
        v = getattr(shared, f"f{(k + 1) % THREADS}")
        assert v == ("missing", f"f{(k + 1) % THREADS}") or isinstance(v, int)
        assert shared.secret == "hidden"
        assert shared.nothing_here == ("missing", "nothing_here")
        mine.x = i
        assert mine.x == i


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(log) == 2 * THREADS * ITERS, len(log)
assert all(getattr(shared, f"f{k}") == ITERS - 1 for k in range(THREADS))
adv_harness.finish()
