# Generator, coroutine and async generator attributes (gi_code, gi_frame,
# gi_suspended, cr_*, ag_*) and weak references to them, against CPython 3.11.
import weakref, gc
def g(): yield
async def c(): pass
async def a(): yield
x = g()
r = weakref.ref(x)
print(r() is x, x.gi_frame.f_back, x.gi_frame.f_locals, x.gi_code.co_name, x.gi_suspended)
del x
print(r())
def h(a):
    b = a + 1
    yield b
    yield b * 2
y = h(1)
print(y.gi_frame.f_locals, y.gi_frame.f_lineno - h.__code__.co_firstlineno)
next(y)
print(y.gi_frame.f_locals, y.gi_frame.f_lineno - h.__code__.co_firstlineno, y.gi_suspended, y.gi_running)
list(y)
print(y.gi_frame, y.gi_code.co_name, y.gi_suspended)
def me():
    gen = yield
    yield gen.gi_running, gen.gi_suspended, gen.gi_frame.f_code.co_name
m = me(); next(m); print(m.send(m))
co = c()
print(co.cr_code.co_name, co.cr_frame.f_back, co.cr_suspended, co.cr_running)
co.close()
print(co.cr_frame, co.cr_suspended)
ag = a()
print(ag.ag_code.co_name, ag.ag_frame.f_back, ag.ag_running, hasattr(ag, "ag_suspended"))
wr = weakref.ref(co); del co; print(wr())
# A weak reference to a generator in a cycle is cleared by the collector.
class Box: pass
def holder(box):
    yield box
b = Box(); b.gen = holder(b); next(b.gen)
wg = weakref.ref(b.gen, lambda ref: print("callback"))
del b
gc.collect()
print(wg())

# __name__ and __qualname__ can be replaced by strings, not deleted.
def named():
    yield 1
gen = named()
gen.__name__ = "name"
gen.__qualname__ = "qualname"
print(gen.__name__, gen.__qualname__, repr(gen).split(" at ")[0])
for action in (lambda: setattr(gen, "__name__", 123), lambda: setattr(gen, "__qualname__", None),
               lambda: delattr(gen, "__name__"), lambda: delattr(gen, "__qualname__"),
               lambda: setattr(gen, "gi_frame", None), lambda: setattr(gen, "other", 1)):
    try:
        action()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
named.__name__ = "func_name"
named.__qualname__ = "func_qualname"
print(named().__name__, named().__qualname__, (x for x in ()).__name__)
