# tee iterators are not re-entrant: a second reader while the source runs (another
# thread, or the source itself reading the tee) gets CPython's RuntimeError
# instead of calling the source again (which deadlocked the threaded case).
import threading
from itertools import tee
start = threading.Event(); finish = threading.Event()
class I:
    def __iter__(self): return self
    def __next__(self):
        start.set(); finish.wait(); return 1
a, b = tee(I())
t = threading.Thread(target=next, args=[a]); t.start()
start.wait()
try:
    next(b)
except RuntimeError as e:
    print("RuntimeError", e)
finally:
    finish.set(); t.join()
class R:
    def __init__(self): self.first = True
    def __iter__(self): return self
    def __next__(self):
        if self.first:
            self.first = False
            return next(b2)
        return 5
a2, b2 = tee(R())
try:
    next(a2)
except RuntimeError as e:
    print("RuntimeError", e)
print(next(a2), next(b2))
