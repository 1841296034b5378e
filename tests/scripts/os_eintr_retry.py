# PEP 475: os.read/os.write/os.waitpid interrupted by a signal run its
# handler, then retry (they retried without running it, and hung: the
# handler was what would have written the data); a handler that raises
# ends the call with its exception.
import os
import signal

r, w = os.pipe()


def refill(sig, frame):
    os.write(w, b"bar")


signal.signal(signal.SIGALRM, refill)
os.write(w, b"foo")
print(os.read(r, 6))
signal.setitimer(signal.ITIMER_REAL, 0.2)
print(os.read(r, 6))


def fail(sig, frame):
    raise ZeroDivisionError("from the handler")


signal.signal(signal.SIGALRM, fail)
signal.setitimer(signal.ITIMER_REAL, 0.2)
try:
    os.read(r, 6)
except ZeroDivisionError as e:
    print("read:", e)
signal.setitimer(signal.ITIMER_REAL, 0)

import subprocess

calls = []
signal.signal(signal.SIGALRM, lambda s, f: calls.append(s))
child = subprocess.Popen(["sleep", "0.6"])
signal.setitimer(signal.ITIMER_REAL, 0.2)
got, status = os.waitpid(child.pid, 0)
print("waitpid:", got == child.pid, os.waitstatus_to_exitcode(status), calls == [signal.SIGALRM])
