# Coroutine origin tracking and the "never awaited" warning, as CPython 3.11:
# sys.get_/set_coroutine_origin_tracking_depth, cr_origin, the warning through
# warnings._warn_unawaited_coroutine (with the creating frames), for a
# coroutine dropped or collected in a cycle before it ran; none for closed
# or awaited ones; unraisable when warnings are errors or the helper fails.
import sys, warnings, gc, contextlib, re

async def corofn():
    pass

print(sys.get_coroutine_origin_tracking_depth())
with contextlib.closing(corofn()) as c:
    print(c.cr_origin)
sys.set_coroutine_origin_tracking_depth(2)
def nested():
    return corofn()
with contextlib.closing(nested()) as c:
    print([(f.rsplit('/', 1)[-1], l, n) for f, l, n in c.cr_origin])
sys.set_coroutine_origin_tracking_depth(1000)
with contextlib.closing(corofn()) as c:
    print(len(c.cr_origin))
try:
    c.cr_origin = 1
except AttributeError as e:
    print("AttributeError", e)
for bad in (-1, "x"):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(sys.get_coroutine_origin_tracking_depth())

def a1():
    return corofn()  # comment in a1
def a2():
    return a1()  # comment in a2

for depth in (0, 1, 2):
    sys.set_coroutine_origin_tracking_depth(depth)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        a2()
        gc.collect()
    print(depth, [re.sub(r'File ".*/', 'File "', str(x.message)) for x in w], [x.category.__name__ for x in w])
sys.set_coroutine_origin_tracking_depth(0)

# A coroutine in a cycle, never awaited, collected: it warns once.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = corofn()
    holder = [c]
    holder.append(holder)
    del c, holder
    gc.collect()
    print([str(x.message) for x in w])

# Awaited or closed coroutines do not warn.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = corofn(); c.close(); del c
    c = corofn()
    try:
        c.send(None)
    except StopIteration:
        pass
    del c
    gc.collect()
    print(len(w))

# warnings as errors: the warning is unraisable.
seen = []
sys.unraisablehook = lambda a: seen.append((a.exc_type.__name__, str(a.exc_value), a.object.__class__.__name__))
with warnings.catch_warnings():
    warnings.simplefilter("error")
    c = corofn(); del c
print(seen)
# A broken warnings._warn_unawaited_coroutine: unraisable, then the plain warning.
seen.clear()
orig = warnings._warn_unawaited_coroutine
warnings._warn_unawaited_coroutine = lambda coro: 1 / 0
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = corofn(); del c
    print(seen, [str(x.message) for x in w])
warnings._warn_unawaited_coroutine = orig
sys.unraisablehook = sys.__unraisablehook__
