# contextvars (PEP 567) against python3: ContextVar get/set/reset and
# their errors, Context as a mapping, run() and copies, and the empty
# context each new thread starts with.
import contextvars as cv
import threading
v = cv.ContextVar('a', default=1); w = cv.ContextVar('b')
print(repr(v)[:30], repr(w)[:25])
t = v.set(5); print(repr(t)[:20], repr(cv.Token.MISSING), t.old_value, t.var is v)
try: w.get()
except LookupError as e: print('LookupError', repr(e)[:34])
print(w.get('dflt'), v.get(), v.get(7))
ctx = cv.copy_context(); print(len(ctx), v in ctx, ctx[v], list(ctx.items())[0][1], list(ctx) == [v], ctx.get(w), ctx.get(w, 3))
try: ctx[1]
except TypeError as e: print(e)
try: ctx[w]
except KeyError as e: print('KeyError', repr(e)[:30])
try: cv.Context(1)
except TypeError as e: print(e)
def f(): ctx.run(lambda: 0)
try: ctx.run(f)
except RuntimeError as e: print(str(e)[:45])
v.reset(t)
try: v.reset(t)
except RuntimeError as e: print(str(e)[-25:])
t2 = w.set(1)
try: v.reset(t2)
except ValueError as e: print(str(e).split('>')[-1])
t3 = ctx.run(v.set, 9)
try: v.reset(t3)
except ValueError as e: print(str(e).split('>')[-1])
print(ctx[v], v.get(), cv.Context() == cv.Context(), type(cv.Context()).__module__, cv.ContextVar.__module__)
try:
  class X(cv.ContextVar): pass
except TypeError as e: print(e)
print(v.name, cv.ContextVar[int])
try: cv.ContextVar(1)
except TypeError as e: print(e)
try: hash(cv.Context())
except TypeError as e: print(e)
def in_thread(out):
    out.append(v.get())
    v.set(100)
    out.append(v.get())
out = []
th = threading.Thread(target=in_thread, args=(out,)); th.start(); th.join()
print(out, v.get())
c2 = ctx.copy(); c2.run(v.set, 42); print(c2[v], ctx[v], ctx.run(v.get), c2.run(lambda: v.get()))
def nested():
    v.set('outer')
    inner = cv.copy_context()
    inner.run(v.set, 'inner')
    return v.get(), inner[v]
print(cv.Context().run(nested), v.get())
print(sorted(ctx.keys(), key=lambda x: x.name) == [v, w] or sorted(k.name for k in ctx.keys()), sorted(str(x) for x in ctx.values()))
