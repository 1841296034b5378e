# A sys.excepthook that raises SystemExit decides the exit status, as in
# CPython (handle_system_exit after the hook).
import sys


def hook(kind, value, tb):
    print("exiting from the hook for", kind.__name__)
    raise SystemExit(3)


sys.excepthook = hook
raise ValueError("uncaught")
