# sys.excepthook receives every uncaught exception (type, value,
# traceback) at the top level; sys.__excepthook__ is the default report,
# callable directly, with CPython's argument check and its complaint about
# a value that is not an exception.
import sys

print(sys.excepthook is sys.__excepthook__, sys.excepthook.__name__)
try:
    sys.__excepthook__()
except TypeError as e:
    print("TypeError:", e)
sys.__excepthook__(str, "not an exception", None)  # a line on stderr, no raise
try:
    raise KeyError("shown")
except KeyError as e:
    sys.__excepthook__(type(e), e, e.__traceback__)


def hook(kind, value, tb):
    print("hook:", kind.__name__, value, type(tb).__name__, tb.tb_lineno)
    sys.__excepthook__(kind, value, tb)


sys.excepthook = hook
raise ValueError("uncaught")
