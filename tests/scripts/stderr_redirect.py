# Error reports go through sys.stderr, as in CPython: an exception ignored
# in __del__, an uncaught exception in a thread and an atexit callback's
# error are captured by contextlib.redirect_stderr; with sys.stderr None
# they are dropped.
import contextlib
import io
import sys
import threading


class D:
    def __del__(self):
        raise ValueError('in del')


buf = io.StringIO()
with contextlib.redirect_stderr(buf):
    D()
    t = threading.Thread(target=lambda: 1 / 0)
    t.start()
    t.join()
lines = buf.getvalue().splitlines()
print(lines[0].startswith('Exception ignored in: <function D.__del__ at '))
print([line for line in lines if not line.startswith(' ')][1:])
sys.stderr = None
D()
sys.stderr = sys.__stderr__
print('nothing was printed while sys.stderr was None')
