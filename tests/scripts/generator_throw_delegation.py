# throw() into a generator suspended in `yield from`: while the delegate
# handles it, the delegating generator's frame is its caller (f_back), as in
# CPython; an error the delegate lets out enters the delegating frame with
# that frame's handled exception as __context__; the thrower's own handled
# exception never becomes the context.
import sys


def names(frame):
    out = []
    while frame is not None and frame.f_code.co_name in ("f", "g", "h"):
        out.append(frame.f_code.co_name)
        frame = frame.f_back
    return out


def f():
    print("f starts", names(sys._getframe()))
    try:
        yield
    except RuntimeError:
        print("f caught", names(sys._getframe()))
    yield "after"


def g():
    yield from f()


def h():
    yield from g()


gen = h()
gen.send(None)
print(gen.throw(RuntimeError))


def inner():
    yield


def outer():
    try:
        raise KeyError("a")
    except Exception:
        yield from inner()


gen = outer()
gen.send(None)
try:
    gen.throw(ValueError)
except ValueError as e:
    print(repr(e.__context__))


def plain():
    yield 1


for exc in (ValueError, ValueError("x")):
    p = plain()
    next(p)
    try:
        raise KeyError("outer")
    except KeyError:
        try:
            p.throw(exc)
        except ValueError as e:
            print(repr(e.__context__))


def handling():
    try:
        raise TypeError("inner")
    except TypeError:
        yield 1


p = handling()
next(p)
try:
    p.throw(ValueError)
except ValueError as e:
    print(repr(e.__context__), repr(e.__context__.__context__))


async def leaf():
    import types

    @types.coroutine
    def suspend():
        yield

    await suspend()


async def mid():
    try:
        raise LookupError("mid")
    except LookupError:
        await leaf()


c = mid()
c.send(None)
try:
    c.throw(OSError)
except OSError as e:
    print(repr(e.__context__))
