# match statements over subjects that other threads mutate while they are
# matched: a list that grows and shrinks, a dict whose keys come and go, and
# objects whose attributes and __match_args__ are rebound. Every match must
# take one of the cases the subject could have satisfied at some moment (a
# racy program may see a mix of states, never a corrupt one), every captured
# value must be a value that was stored, and the counts must add up exactly.
import sys
import threading

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness

ROUNDS = 20000
THREADS = 3
stop = threading.Event()

shared_list = [0, 1]
shared_dict = {"kind": "a", "value": 1}


class Shape:
    __match_args__ = ("w", "h")

    def __init__(self):
        self.w, self.h = 1, 1


shape = Shape()


def mutator():
    i = 0
    while not stop.is_set():
        i += 1
        shared_list.append(i % 7)
        if len(shared_list) > 6:
            del shared_list[2:]
        if i % 2:
            shared_dict["extra"] = i
            shared_dict["kind"] = "b"
        else:
            shared_dict.pop("extra", None)
            shared_dict["kind"] = "a"
        shape.w = i % 5
        shape.h = (i * 3) % 5
        Shape.__match_args__ = ("w", "h") if i % 3 else ("h", "w")


counts = [[0, 0, 0] for _ in range(THREADS)]


def matcher(t):
    c = counts[t]
    for _ in range(ROUNDS):
        match shared_list:
            case [0, 1, *rest]:
                assert all(isinstance(x, int) and 0 <= x < 7 for x in rest), rest
                c[0] += 1
            case _:
                raise AssertionError(f"list lost its head: {shared_list!r}")
        match shared_dict:
            case {"kind": "a" | "b" as kind, "value": 1, **others}:
                assert set(others) <= {"extra"}, others
                assert kind in ("a", "b")
                c[1] += 1
            case _:
                raise AssertionError(f"dict lost a key: {shared_dict!r}")
        match shape:
            case Shape(x, y) if 0 <= x < 5 and 0 <= y < 5:
                c[2] += 1
            case _:
                raise AssertionError(f"bad shape {shape.w} {shape.h}")


mut = threading.Thread(target=mutator)
workers = [threading.Thread(target=matcher, args=(t,)) for t in range(THREADS)]
mut.start()
for w in workers:
    w.start()
for w in workers:
    w.join()
stop.set()
mut.join()
assert counts == [[ROUNDS] * 3] * THREADS or adv_harness.failures, counts
adv_harness.finish()
