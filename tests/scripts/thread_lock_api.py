# _thread's locks at CPython 3.11's edges: repr with the address, weak
# references to Lock and RLock, the timeout conversion (NaN, values past
# TIMEOUT_MAX, non-numbers, negatives) with CPython's errors, and an
# exception escaping a start_new_thread function going to
# sys.unraisablehook ("Exception ignored in thread started by").
import _thread
import gc
import re
import sys
import threading
import time
import weakref


def shape(r):
    return re.sub(r"0x[0-9a-f]+", "ADDR", r)


lock = _thread.allocate_lock()
print(shape(repr(lock)))
lock.acquire()
print(shape(repr(lock)))
lock.release()
rlock = _thread.RLock()
print(shape(repr(rlock)))
print(_thread.TIMEOUT_MAX == threading.TIMEOUT_MAX, _thread.TIMEOUT_MAX)

for make in (_thread.allocate_lock, _thread.RLock, threading.Lock, threading.RLock, threading.Condition):
    obj = make()
    ref = weakref.ref(obj)
    print(type(obj).__name__, ref() is obj, end=" ")
    del obj
    gc.collect()
    print(ref())

for timeout in (1e100, _thread.TIMEOUT_MAX + 1, 1e10, float("nan"), float("inf"), -float("inf"), 10**10,
                10**30, -2, -0.5, "1", None, 2j, _thread.TIMEOUT_MAX, True, -1, -1.0, 0, 0.001):
    for l in (_thread.allocate_lock(), _thread.RLock()):
        try:
            print(repr(timeout), type(l).__name__, l.acquire(timeout=timeout))
        except Exception as e:
            print(repr(timeout), type(l).__name__, type(e).__name__, e)
try:
    lock.acquire(False, 1)
except ValueError as e:
    print("ValueError", e)
print(lock.acquire(False, -1), lock.locked())
print(lock.acquire(timeout=0.01))
lock.release()

for value in (1e100, 10**30, -1, "x", None, float("nan")):
    try:
        time.sleep(value)
    except Exception as e:
        print("sleep", repr(value), type(e).__name__, e)

# An uncaught exception in a bare _thread thread goes to the hook.
seen = []
done = _thread.allocate_lock()
done.acquire()


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.err_msg, args.object.__name__,
                 args.exc_traceback is args.exc_value.__traceback__))
    done.release()


def task():
    raise ValueError("task failed")


def exits():
    raise SystemExit(3)


sys.unraisablehook = hook
_thread.start_new_thread(exits, ())
_thread.start_new_thread(task, ())
done.acquire()
sys.unraisablehook = sys.__unraisablehook__
print(seen)
