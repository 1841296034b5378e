# One exception object raised, caught and read in many threads at once:
# its traceback is kept as objects once read (traceback_object.cc), so
# concurrent readers must agree on one chain, and concurrent raises must
# each add their frames to it without losing any. Exact final state: every
# read between raises answers the same object; after THREADS x RAISES raises
# (two frames each: the raiser's and the catcher's) the chain is exactly
# that long, in order, and ends at the first frames. Each raiser frame
# gives its locals to the traceback (tb_frame.f_locals): with one shared
# exception they may land on another thread's entry of the same function,
# but every raiser frame shows a token some raiser had, or nothing.
import sys
import threading
import traceback

THREADS = 4
READS = 2000
RAISES = 300

failures = []
threading.excepthook = lambda args: failures.append(repr(args.exc_value))

shared = ValueError("shared")


def first():
    raise shared


try:
    first()
except ValueError:
    pass
base = len(list(traceback.walk_tb(shared.__traceback__)))
assert base == 2, base

# Readers only: one chain for everybody.
start = threading.Barrier(THREADS)
seen = [set() for _ in range(THREADS)]


def reader(i):
    start.wait()
    ids = seen[i]
    for _ in range(READS):
        ids.add(id(shared.__traceback__))


threads = [threading.Thread(target=reader, args=(i,)) for i in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert len(set().union(*seen)) == 1, [len(s) for s in seen]
chain = shared.__traceback__
assert id(chain) in seen[0]


# Raisers and readers at once: every raise adds two frames.
def raiser(token):
    raise shared


tokens = set(range(THREADS * RAISES))


def worker(k):
    start.wait()
    for r in range(RAISES):
        try:
            raiser(k * RAISES + r)
        except ValueError as e:
            tb = e.__traceback__
            names = [f.f_code.co_name for f, _ in traceback.walk_tb(tb)]
            assert names[-2:] == ["<module>", "first"], names[-2:]
            assert set(names) <= {"<module>", "first", "worker", "raiser"}, names


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
frames = [f.f_code.co_name for f, _ in traceback.walk_tb(shared.__traceback__)]
assert len(frames) == base + 2 * THREADS * RAISES, len(frames)
assert frames.count("raiser") == THREADS * RAISES and frames.count("worker") == THREADS * RAISES
kept = [f.f_locals for f, _ in traceback.walk_tb(shared.__traceback__) if f.f_code.co_name == "raiser"]
assert all(d == {} or (list(d) == ["token"] and d["token"] in tokens) for d in kept), kept[:5]
# The first read's chain is still the tail: the raises put frames in front.
tail = shared.__traceback__
for _ in range(len(frames) - base):
    tail = tail.tb_next
assert tail is chain
assert not failures, failures
print("ok", len(frames))
