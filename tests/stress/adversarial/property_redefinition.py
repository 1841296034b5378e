# Properties and methods defined, replaced and deleted on a class while
# other threads read and write the attribute through instances: each read
# is the property's answer or the instance's own value, never garbage.
import threading
import sys as _sys
_sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import adv_harness  # noqa: E402  (worker-thread failures fail the script)

THREADS = 4
ITERS = 4000


class Thing:
    def __init__(self):
        self.__dict__["speed"] = "plain"


def make_prop(tag):
    return property(lambda self: tag, lambda self, v: None)


stop = False


def redefiner():
    i = 0
    while not stop:
        i += 1
        if i % 2:
            Thing.speed = make_prop(f"prop{i % 10}")
        else:
            try:
                del Thing.speed
            except AttributeError:
                pass


allowed = {"plain", "set"} | {f"prop{i}" for i in range(10)}


def user(k):
    t = Thing()
    for _ in range(ITERS):
        v = t.speed
        assert v in allowed, v
        t.speed = "set"  # a property setter ignores it; a plain attribute stores it


r = threading.Thread(target=redefiner)
r.start()
threads = [threading.Thread(target=user, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
stop = True
r.join()
adv_harness.finish()
