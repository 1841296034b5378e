# faulthandler writes every thread's Python stack to a descriptor: on
# demand, after a timeout, on a registered signal and on a fatal signal,
# in CPython's format (thread ids and the standard library's own frames
# are masked: they differ between interpreters).
import faulthandler
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.basename(__file__)


def show(text):
    for line in re.sub(r"0x[0-9a-f]{16}", "0xID", text).splitlines():
        if line.startswith("  File ") and HERE not in line and "<string>" not in line:
            continue  # a library frame
        print(line.replace(__file__, HERE))


def captured(fn):
    with tempfile.TemporaryFile("w+") as f:
        fn(f)
        f.seek(0)
        return f.read()


def inner(f, all_threads):
    faulthandler.dump_traceback(file=f, all_threads=all_threads)


def outer(f, all_threads=False):
    inner(f, all_threads)


print("-- current thread")
show(captured(outer))


def ƒunny(f):
    faulthandler.dump_traceback(f, False)


print("-- escaped name")
show(captured(ƒunny))

print("-- all threads")
ready = threading.Event()
release = threading.Lock()
release.acquire()


def blocked_worker():
    ready.set()
    release.acquire()


t = threading.Thread(target=blocked_worker)
t.start()
ready.wait()
time.sleep(0.1)
show(captured(lambda f: outer(f, True)))
release.release()
t.join()

print("-- enable / disable")
print(faulthandler.is_enabled(), faulthandler.disable())
faulthandler.enable()
print(faulthandler.is_enabled(), faulthandler.disable(), faulthandler.is_enabled())

print("-- dump_traceback_later")


def sleeper(fd):
    return os.read(fd, 65536)  # blocks until the watchdog writes


# No timing assumed: the main thread waits in a read of the pipe the
# watchdog writes to; cancelling joins the watchdog, so its dump is whole.
r, w = os.pipe()
faulthandler.dump_traceback_later(0.25, file=w)
first = sleeper(r)
faulthandler.cancel_dump_traceback_later()
os.close(w)
with os.fdopen(r, "rb") as rest:
    show((first + rest.read()).decode())
with tempfile.TemporaryFile("w+") as f:
    faulthandler.dump_traceback_later(5, file=f)
    faulthandler.cancel_dump_traceback_later()
    f.seek(0)
    print("cancelled:", repr(f.read()))

print("-- register")


def signal_me(f):
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False)
    os.kill(os.getpid(), signal.SIGUSR1)
    print("unregister:", faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))


show(captured(signal_me))

print("-- errors")


class BadFile:
    def fileno(self):
        return -1

    def flush(self):
        pass


for label, call in [
    ("negative fd", lambda: faulthandler.dump_traceback(file=-1)),
    ("bad fileno", lambda: faulthandler.dump_traceback(file=BadFile())),
    ("no fileno", lambda: faulthandler.dump_traceback(file=object())),
    ("zero timeout", lambda: faulthandler.dump_traceback_later(0)),
    ("negative timeout", lambda: faulthandler.dump_traceback_later(-1.5)),
    ("huge timeout", lambda: faulthandler.dump_traceback_later(1e300)),
    ("fatal signal", lambda: faulthandler.register(signal.SIGSEGV)),
    ("signal 0", lambda: faulthandler.register(0)),
    ("unknown keyword", lambda: faulthandler.enable(fil=2)),
]:
    try:
        call()
        print(label, "no error")
    except Exception as e:
        print(label, type(e).__name__, e)

print("-- fatal signals")
# A sanitizer build's own handlers would report the re-raised signal
# after faulthandler's dump and end the child another way: off for it.
env = dict(os.environ)
for var in ("ASAN_OPTIONS", "TSAN_OPTIONS"):
    env[var] = env.get(var, "") + ":handle_segv=0:handle_sigfpe=0:handle_abort=0"
for helper, name in [("_sigsegv", "SIGSEGV"), ("_sigabrt", "SIGABRT"), ("_sigfpe", "SIGFPE")]:
    code = "import faulthandler\nfaulthandler.enable()\ndef crash():\n    faulthandler.%s()\ncrash()\n" % helper
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    print(name, r.returncode == -getattr(signal, name), r.stdout == "")
    show(r.stderr)
