# Frame objects handed to other threads while their frames run and return:
# readers ask f_locals, f_lineno, f_back and repr at any moment; the frames'
# own threads snapshot them as they return. Afterwards every object must
# hold exactly its frame's final locals and its caller.
import sys
import threading

WORKERS = 2
READERS = 2
N = 20000

shared = []
lock = threading.Lock()
stop = threading.Event()
errors = []
threading.excepthook = lambda args: errors.append(("thread died", repr(args.exc_value)))


def leaf(w, i):
    a = (w, i)
    me = sys._getframe()
    with lock:
        shared.append(me)
    b = [w, i, "end"]  # noqa: F841 (read through the frame object)
    return me


def worker(w):
    mine = []
    for i in range(N):
        mine.append(leaf(w, i))
    for i, fr in enumerate(mine):
        loc = fr.f_locals
        if loc["a"] != (w, i) or loc["b"] != [w, i, "end"] or loc["me"] is not fr:
            errors.append(("locals", w, i, dict(loc)))
        if fr.f_back is None or fr.f_back.f_code.co_name != "worker":
            errors.append(("back", w, i))
        if fr.f_lineno != leaf.__code__.co_firstlineno + 6:
            errors.append(("line", w, i, fr.f_lineno))
    for fr in mine:
        fr.clear()


def reader():
    k = 0
    while not stop.is_set():
        with lock:
            if not shared:
                continue
            fr = shared[k % len(shared)]
        k += 1
        loc = fr.f_locals
        if "a" in loc and loc["a"][1] < 0:
            errors.append("bad value")
        fr.f_lineno
        back = fr.f_back
        if back is not None and back.f_code.co_name not in ("worker", "leaf"):
            errors.append(("reader back", back.f_code.co_name))
        repr(fr)


readers = [threading.Thread(target=reader) for _ in range(READERS)]
workers = [threading.Thread(target=worker, args=(w,)) for w in range(WORKERS)]
for t in readers + workers:
    t.start()
for t in workers:
    t.join()
stop.set()
for t in readers:
    t.join()
assert not errors, errors[:5]
assert len(shared) == WORKERS * N, len(shared)
print("ok")
