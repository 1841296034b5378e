# _queue (src/modules/queue.cc) against CPython 3.11: SimpleQueue's argument
# errors, Empty() without arguments, timeouts, subclassing, weak references,
# __class_getitem__, queue.py's re-export, and a cycle through a queue.
import _queue
try: _queue.SimpleQueue(1)
except Exception as e: print(type(e).__name__, e)
try: _queue.SimpleQueue(a=1)
except Exception as e: print(type(e).__name__, e)
q=_queue.SimpleQueue()
try: q.get(1,2,3)
except Exception as e: print(type(e).__name__, e)
try: q.put(1,2,3,4)
except Exception as e: print(type(e).__name__, e)
try: q.put(1, x=2)
except Exception as e: print(type(e).__name__, e)
try: q.get(False, 'a')
except Exception as e: print(type(e).__name__, repr(e))
try: q.get(True, 'a')
except Exception as e: print(type(e).__name__, e)
try: q.get(True, float('nan'))
except Exception as e: print(type(e).__name__, e)
try: q.put_nowait()
except Exception as e: print(type(e).__name__, e)
try: q.qsize(1)
except Exception as e: print(type(e).__name__, e)
try: q.get(timeout=-1)
except Exception as e: print(type(e).__name__, e)
import time; t=time.monotonic()
try: q.get(timeout=0.05)
except Exception as e: print(type(e).__name__, repr(e), time.monotonic()-t >= 0.049)
print(repr(_queue.SimpleQueue.__doc__)[:60], _queue.__doc__)
import gc, weakref
print(gc.is_tracked(q), _queue.SimpleQueue[int], _queue.Empty.__mro__)
q.put(1, block=False, timeout=5); q.put_nowait([2]); print(q.qsize(), q.empty(), q.get(timeout=0), q.get_nowait(), q.empty())
class S(_queue.SimpleQueue): pass
s = S(); s.put(3); s.extra = 'x'; print(s.qsize(), s.get(), s.extra, weakref.ref(s)() is s, weakref.ref(q)() is q)
print(_queue.SimpleQueue.__module__, _queue.SimpleQueue.__name__)
import queue
print(queue.SimpleQueue is _queue.SimpleQueue, queue.Empty is _queue.Empty)
class Box: pass
b = Box(); q2 = _queue.SimpleQueue(); q2.put(q2); q2.put(b); r = weakref.ref(b); del b, q2; gc.collect(); print(r() is None)
