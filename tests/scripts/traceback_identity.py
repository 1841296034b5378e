# exc.__traceback__ answers the same traceback objects on every read, as in
# CPython: sys.exc_info()[2], the handler's view and later reads agree; a
# re-raise puts new objects in front of the old chain; with_traceback(tb)
# keeps tb itself. The kept chain leads through frame objects to globals,
# so the cycles it can close are collected (frame and traceback objects are
# tracked).
import sys, gc, traceback
def f(n):
    if n == 0:
        raise ValueError("deep")
    f(n - 1)
def g():
    try:
        f(2)
    except ValueError as e:
        t1 = e.__traceback__
        return e, t1
e, t1 = g()
print(t1 is e.__traceback__, [ln for _, ln in traceback.walk_tb(e.__traceback__)])
# re-raise: new objects in front of the old chain
def h():
    try:
        raise e
    except ValueError as e2:
        return e2.__traceback__
t2 = h()
print(t2.tb_next is t1, len(list(traceback.walk_tb(t2))))
# with_traceback keeps the object
e3 = RuntimeError("x").with_traceback(t1)
print(e3.__traceback__ is t1)
e3.__traceback__ = None
print(e3.__traceback__)
try:
    raise e3
except RuntimeError as e4:
    print(e4.__traceback__.tb_next)
# frame cycles are collected
class Marker: pass
import weakref
def cyc():
    m = Marker()
    fr = sys._getframe()
    fr.f_locals
    return weakref.ref(m)
w = cyc()
gc.collect()
print(w())
def cyc2():
    m = Marker()
    try:
        raise KeyError(1)
    except KeyError as k:
        k.__traceback__.tb_frame
        d = {'exc': k, 'm': m}
        k.holder = d
    return weakref.ref(m)
w = cyc2(); gc.collect(); print(w())
# exec-globals cycle through a traceback
g2 = {}
exec("class M: pass\nm = M()\ntry:\n    1/0\nexcept ZeroDivisionError as z:\n    err = z\n    err.__traceback__\n", g2)
w = weakref.ref(g2['m']); del g2; gc.collect(); print(w())
