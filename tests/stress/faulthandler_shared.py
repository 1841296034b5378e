# faulthandler's shared state under threads: dumpers write every thread's
# stack (each dump stops the world) while workers recurse and return, and
# other threads toggle enable()/disable(), register()/unregister() and arm
# and cancel the watchdog. Every dump is whole: one header per live thread,
# exactly one of them "Current thread", each followed by its frames, the
# workers' recursion visible; the toggles end where their last call left them.
import faulthandler
import os
import re
import signal
import sys
import tempfile
import threading

DUMPERS = 2
WORKERS = 2
TOGGLERS = 2
DUMPS = 40
TOGGLES = 200

stop = threading.Event()
start = threading.Barrier(DUMPERS + WORKERS + TOGGLERS)
failures = []
threading.excepthook = lambda args: failures.append(repr(args.exc_value))


def recurse(n):
    if n == 0:
        return 0
    return recurse(n - 1) + 1


def worker():
    start.wait()
    total = 0
    while not stop.is_set():
        total += recurse(30)
    assert total % 30 == 0


HEADER = re.compile(r"^(Current thread|Thread) 0x[0-9a-f]{16} \(most recent call first\):$")


def check_dump(text):
    blocks = text.rstrip("\n").split("\n\n")
    headers = [b.split("\n", 1)[0] for b in blocks]
    assert all(HEADER.match(h) for h in headers), headers
    assert sum(h.startswith("Current thread") for h in headers) == 1, headers
    for b in blocks:
        frames = b.split("\n")[1:]
        assert frames and all(f.startswith("  File \"") or f in ("  ...", "  <no Python frame>") for f in frames), b
    assert "in dumper" in text
    return len(blocks)


def dumper():
    start.wait()
    with tempfile.TemporaryFile("w+") as f:
        for _ in range(DUMPS):
            f.seek(0)
            f.truncate()
            faulthandler.dump_traceback(file=f, all_threads=True)
            f.seek(0)
            n = check_dump(f.read())
            # This dumper, the workers (they run until every dumper is
            # done) and the main thread, and whichever others still run.
            assert WORKERS + 2 <= n <= DUMPERS + WORKERS + TOGGLERS + 1, n


def toggler(k):
    start.wait()
    with open(os.devnull, "w") as null:
        for i in range(TOGGLES):
            if k == 0:
                faulthandler.enable(file=null)
                assert faulthandler.is_enabled()
                assert faulthandler.disable() is True  # only this thread enables
                faulthandler.register(signal.SIGUSR2, file=null)
                faulthandler.unregister(signal.SIGUSR2)
            else:
                faulthandler.dump_traceback_later(30, file=null)
                faulthandler.cancel_dump_traceback_later()


threads = ([threading.Thread(target=worker) for _ in range(WORKERS)] +
           [threading.Thread(target=dumper) for _ in range(DUMPERS)] +
           [threading.Thread(target=toggler, args=(k,)) for k in range(TOGGLERS)])
for t in threads:
    t.start()
for t in threads[WORKERS:]:
    t.join()
stop.set()
for t in threads[:WORKERS]:
    t.join()

assert not failures, failures
assert not faulthandler.is_enabled()
assert faulthandler.unregister(signal.SIGUSR2) is False
with tempfile.TemporaryFile("w+") as f:
    faulthandler.dump_traceback(file=f)
    f.seek(0)
    text = f.read()
assert text.startswith("Current thread 0x") and text.count("\n\n") == 0, text
print("ok", DUMPERS * DUMPS, "dumps")
