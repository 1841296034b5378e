# Thread.join() returns only after the thread's own state is gone: the
# values it stored in a threading.local, its context variables. CPython
# releases join's lock from _PyThreadState_DeleteCurrent, after
# PyThreadState_Clear; ftpy released it first, so a join could see a
# thread-local value still alive (a slow finalizer in the thread's context,
# cleared in between, makes that window wide here).
import contextvars
import threading
import time
import weakref

var = contextvars.ContextVar("var")
finalized = []


class Slow:
    def __del__(self):
        time.sleep(0.02)
        finalized.append("slow")


class Value:
    pass


local = threading.local()
refs = []


def worker():
    var.set(Slow())
    v = Value()
    local.value = v
    refs.append(weakref.ref(v))


for _ in range(5):
    t = threading.Thread(target=worker)
    t.start()
    t.join()
    print(refs[-1]() is None, len(finalized), hasattr(local, "value"))
