# An exception keeps the locals of the function frames it leaves:
# tb_frame.f_locals shows them (CPython keeps the frames), for as long as
# the exception lives; a cycle through them is collected.
import gc
import traceback
import weakref


def inner(a, b=2):
    c = [a, b]

    def clo():
        return c
    unbound_later = None
    del unbound_later
    1 / 0


def outer():
    x = "outer local"
    inner(5)


try:
    outer()
except ZeroDivisionError as e:
    tb = e.__traceback__.tb_next  # skip the module frame
    while tb:
        f = tb.tb_frame
        print(f.f_code.co_name, sorted((k, "fn" if callable(v) else v) for k, v in f.f_locals.items()))
        tb = tb.tb_next
    summary = traceback.StackSummary.extract(traceback.walk_tb(e.__traceback__.tb_next), capture_locals=True)
    print([sorted(s.locals) for s in summary])


class Obj:
    pass


def make_and_raise():
    o = Obj()
    r = weakref.ref(o)
    raise KeyError(r)


for i in range(3):
    try:
        make_and_raise()
    except KeyError as e:
        r = e.args[0]
        print("alive while handled", r() is not None)
    print("freed after the handler", r() is None)


# The locals travel with the frames when the traceback is given to another
# exception.
def f2():
    z = 42
    raise ValueError


try:
    f2()
except ValueError as e:
    e2 = RuntimeError().with_traceback(e.__traceback__)
print(e2.__traceback__.tb_next.tb_frame.f_locals)
del e2

# A caught exception's frames: only those it left keep their locals.
def catches():
    here = 1
    try:
        f2()
    except ValueError as exc:
        return exc


exc = catches()
t = exc.__traceback__
print(t.tb_frame.f_code.co_name, t.tb_next.tb_frame.f_code.co_name, t.tb_next.tb_frame.f_locals)
del exc, t

# An exception kept in a local of a frame it then leaves: a cycle.
weak = []


def cycle():
    try:
        raise ValueError("x")
    except ValueError as e:
        holder = Obj()
        holder.exception = e
        weak.append(weakref.ref(holder))
        raise


try:
    cycle()
except ValueError:
    pass
gc.collect()
print("cycle freed", weak[0]() is None)

# Generators and recursion.
def gen():
    g_local = "in generator"
    yield 1
    raise LookupError


def recurse(n):
    depth = n
    if n == 0:
        raise IndexError
    recurse(n - 1)


for thunk in (lambda: list(gen()), lambda: recurse(3)):
    try:
        thunk()
    except (LookupError, IndexError) as e:
        tb = e.__traceback__
        names = []
        while tb:
            if tb.tb_frame.f_code.co_name in ("gen", "recurse"):
                names.append(dict(tb.tb_frame.f_locals))
            tb = tb.tb_next
        print(names)

# frame.clear() (traceback.clear_frames, unittest's assertRaises) drops the
# kept locals; a running frame refuses.
import sys


def holds():
    o = Obj()
    weak.append(weakref.ref(o))
    raise ValueError


weak.clear()
try:
    holds()
except ValueError as e:
    tb = e.__traceback__
    print(sorted(tb.tb_next.tb_frame.f_locals))
    traceback.clear_frames(tb)
    print("cleared", tb.tb_next.tb_frame.f_locals)
    print("freed", weak[0]() is None)
    try:
        sys._getframe().clear()
    except RuntimeError as err:
        print("RuntimeError:", err)
