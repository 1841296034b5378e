# aiter() and anext(): over async generators and hand-written async
# iterators, anext's default at the end of the iteration, an await inside
# __anext__ passing through to the driver, the awaitable's send/throw/close,
# and the errors for objects that are not async iterables or iterators.
from testkit import attempt


def run(coro):
    """Drives a coroutine by hand; returns (result, values yielded up)."""
    up = []
    try:
        v = coro.send(None)
        while True:
            up.append(v)
            v = coro.send(None)
    except StopIteration as e:
        return e.value, up


class Tick:
    def __await__(self):
        yield "tick"
        return "ticked"


async def agen(n):
    for i in range(n):
        await Tick()
        yield i * 10


class Countdown:
    """An async iterator written by hand."""

    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n


async def main():
    out = []
    it = aiter(agen(3))
    out.append(type(it).__name__)
    out.append(await anext(it))
    out.append(await anext(it, "dflt"))
    out.append(await anext(it))
    out.append(await anext(it, "end"))
    out.append(await anext(it, None))
    try:
        await anext(it)
    except StopAsyncIteration:
        out.append("StopAsyncIteration")
    c = aiter(Countdown(2))
    out.append(c.__class__.__name__)
    out.append([await anext(c, "x") for _ in range(4)])
    return out


print(run(main()))

# The default is returned as is. (Not a tuple or an exception instance:
# CPython 3.11 raises SystemError for those, a bug fixed in 3.12.)
async def defaults():
    empty = agen(0)
    return [await anext(empty, "s"), await anext(agen(0), 2.5), await anext(agen(0), [])]

r, up = run(defaults())
print(r, up)

# The anext_awaitable driven by hand.
g = agen(1)
aw = anext(g, "default")
print(type(aw).__name__)
print(aw.__await__() is aw)
print(aw.send(None))  # the Tick's yield passes through
try:
    aw.send(None)
except StopIteration as e:
    print("value", e.value)
aw2 = anext(g, "default")
try:
    next(aw2)
except StopIteration as e:
    print("at end", e.value)

# throw() goes into the awaited iterator.
g = agen(2)
aw = anext(g, 0)
aw.send(None)
attempt("throw", lambda: aw.throw(KeyError("k")))

# close() closes the awaited iterator.
g = agen(2)
aw = anext(g, 0)
aw.send(None)
print("close", aw.close())

# __anext__ returning a plain awaitable rather than a coroutine.
class Bad:
    def __aiter__(self):
        return self

    def __anext__(self):
        return Tick()

# (Only its first step: CPython 3.11 restarts such an awaitable on every
# step, ftpy keeps its iterator; design/classes.md, "aiter" and "anext".)
aw = anext(Bad(), "d")
print(next(aw))

# Errors.
attempt("aiter(list)", lambda: aiter([1]))
attempt("aiter(int)", lambda: aiter(3))
attempt("anext(list)", lambda: anext([1]))
attempt("anext(gen)", lambda: anext(iter([])))


class NoAnext:
    def __aiter__(self):
        return 5


attempt("aiter returns int", lambda: aiter(NoAnext()))
attempt("aiter no args", lambda: aiter())
attempt("anext three args", lambda: anext(agen(1), 1, 2))
attempt("anext_awaitable of non-awaitable", lambda: anext(type("X", (), {"__anext__": lambda s: 5})(), 1).send(None))
