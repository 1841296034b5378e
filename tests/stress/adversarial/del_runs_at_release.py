# A __del__ runs at the statement that drops the last reference, even when
# the container that held it is being read by other threads (CPython's
# behaviour). Each writer owns its objects; readers only read slot 0 of the
# shared list, so the writer's release is always the last reference, and
# the finalizer must have run before the next statement. Before 2026-12-03
# the release from a shared list or dict was deferred to the writer's next
# quiescent point, and the assertions below failed.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

WRITERS = 3
READERS = 2
ROUNDS = 3000
shared_list = [0] * (WRITERS + 1)
shared_dict = {"anchor": 0}
finalized = [0] * WRITERS
stop = False


class Tracked:
    def __init__(self, owner):
        self.owner = owner

    def __del__(self):
        finalized[self.owner] += 1


def reader():
    n = 0
    while not stop:
        n += shared_list[0] + shared_dict["anchor"]
    return n


def writer(w):
    key = f"w{w}"
    for r in range(ROUNDS):
        shared_list[w + 1] = Tracked(w)
        before = finalized[w]
        shared_list[w + 1] = None
        assert finalized[w] == before + 1, ("list", w, r)
        shared_dict[key] = Tracked(w)
        before = finalized[w]
        del shared_dict[key]
        assert finalized[w] == before + 1, ("dict", w, r)


readers = [threading.Thread(target=reader) for _ in range(READERS)]
writers = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
for t in readers + writers:
    t.start()
for t in writers:
    t.join()
stop = True
for t in readers:
    t.join()
assert finalized == [2 * ROUNDS] * WRITERS, finalized
adv_harness.finish()
