# threading.Timer (lib/threading.py): the function runs once after the
# interval with its arguments, and not at all when cancel() comes first;
# `finished` is set either way.
import threading
import time

fired = []
t = threading.Timer(0.02, lambda *a, **k: fired.append((a, k)), args=(1, 2), kwargs={"x": 3})
start = time.monotonic()
t.start()
t.join()
print("fired", fired, time.monotonic() - start >= 0.02, t.finished.is_set())

c = threading.Timer(10, lambda: fired.append("never"))
c.start()
c.cancel()
c.join(5)
print("cancelled", fired, c.is_alive(), c.finished.is_set())
print(isinstance(c, threading.Thread), "Timer" in threading.__all__ if hasattr(threading, "__all__") else True)
