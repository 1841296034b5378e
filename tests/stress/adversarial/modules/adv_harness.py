# Shared by the adversarial scripts: an exception that ends a worker thread
# (a failed assert included) must fail the script, not only print.
# Importing installs a threading.excepthook that records each one; finish()
# raises if any was recorded and prints "ok" otherwise.
import threading

failures = []
_lock = threading.Lock()
_default_hook = threading.excepthook


def _record(args):
    _default_hook(args)  # the usual "Exception in thread ..." report
    with _lock:
        failures.append((args.exc_type.__name__, str(args.exc_value)))


threading.excepthook = _record


def finish():
    if failures:
        raise AssertionError(f"{len(failures)} worker thread(s) failed; first: {failures[0]}")
    print("ok")
