# A sys.excepthook that raises: its own error is reported ("Error in
# sys.excepthook:"), then the original exception ("Original exception
# was:"), as CPython's _PyErr_PrintEx does; the exit status is 1.
import sys


def hook(kind, value, tb):
    raise RuntimeError("the hook broke")


sys.excepthook = hook
raise ValueError("original")
