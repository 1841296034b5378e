# Traceback objects: __traceback__ chains (outermost first), tb_frame,
# tb_lineno, tb_next; with_traceback and __traceback__ assignment.
import sys


def inner():
    raise ValueError("deep")


def middle():
    inner()


def walk(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno - FIRST_LINE))
        tb = tb.tb_next
    return out


FIRST_LINE = walk.__code__.co_firstlineno

try:
    middle()
except ValueError as e:
    tb = e.__traceback__
    print(type(tb).__name__, walk(tb))
    print(tb.tb_frame.f_globals is globals(), tb.tb_frame.f_code.co_filename == __file__)
    print(sys.exc_info()[2] is not None, walk(sys.exc_info()[2]) == walk(tb))
    saved = e

# A fresh exception has no traceback.
print(ValueError("x").__traceback__)

# with_traceback(None) clears it; with_traceback(tb) installs another.
print(saved.with_traceback(None) is saved, saved.__traceback__)
try:
    raise KeyError("k")
except KeyError as k:
    other = k.__traceback__
saved.with_traceback(other)
print(walk(saved.__traceback__))
saved.__traceback__ = None
print(saved.__traceback__)
for bad in (5, "tb"):
    try:
        saved.__traceback__ = bad
    except TypeError as err:
        print("TypeError", err)
    try:
        saved.with_traceback(bad)
    except TypeError as err:
        print("TypeError", err)


# Re-raising adds the frames it passes through.
def reraiser():
    try:
        inner()
    except ValueError:
        raise


try:
    reraiser()
except ValueError as e:
    print(walk(e.__traceback__))


# raise ... from ...: both keep their own tracebacks.
def chained():
    try:
        inner()
    except ValueError as exc:
        raise RuntimeError("outer") from exc


try:
    chained()
except RuntimeError as e:
    print(walk(e.__traceback__), walk(e.__cause__.__traceback__))

# Raising one exception object again restarts its traceback, as the
# traceback of the new raise, then the frames it unwinds.
err = ValueError("reused")
for attempt in range(2):
    try:
        raise err
    except ValueError as e:
        print(attempt, len(walk(e.__traceback__)))
