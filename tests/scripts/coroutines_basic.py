# async def and await without asyncio: coroutine objects driven by send(),
# throw() and close(), awaiting coroutines and objects with __await__, and a
# small round-robin scheduler.


class Yield:
    """An awaitable that suspends the whole coroutine chain once."""

    def __init__(self, tag):
        self.tag = tag

    def __await__(self):
        sent = yield self.tag
        return ("resumed", self.tag, sent)


async def leaf(n):
    r = await Yield(("leaf", n))
    return n * 10, r


async def middle(n):
    a, r = await leaf(n)
    b, _ = await leaf(n + 1)
    return a + b, r


# Driving by hand: every value yielded at the bottom reaches send()'s caller.
c = middle(1)
print(type(c).__name__, c.cr_running, c.cr_await)
print(c.send(None))
print(type(c.cr_await).__name__)
print(c.send("first"))
try:
    c.send("second")
except StopIteration as e:
    print("returned", e.value)
print(c.cr_await)


# Exceptions cross await boundaries in both directions.
async def failing():
    await Yield("about to fail")
    raise KeyError("inner")


async def catcher():
    try:
        await failing()
    except KeyError as e:
        return "caught " + repr(e)


c = catcher()
c.send(None)
try:
    c.send(None)
except StopIteration as e:
    print(e.value)


# throw() reaches the innermost await; close() runs every finally.
log = []


async def guarded(name):
    try:
        await Yield(name)
    except ValueError as e:
        log.append(name + " handled " + str(e))
        await Yield(name + "-again")
        return "recovered"
    finally:
        log.append(name + " finally")


async def outer_guard():
    try:
        r = await guarded("inner")
        log.append("outer got " + r)
        await Yield("outer")
    finally:
        log.append("outer finally")


c = outer_guard()
print(c.send(None))
print(c.throw(ValueError("boom")))
print(c.send(None))
print(c.close())
print(log)

log.clear()
c = outer_guard()
c.send(None)
c.close()
print(log)


# Awaiting objects: __await__ returning an iterator, the coroutine_wrapper.
class FromList:
    def __init__(self, items, result):
        self.items, self.result = items, result

    def __await__(self):
        yield from self.items
        return self.result


async def uses_awaitables():
    a = await FromList([1, 2], "done")
    inner = leaf(7)
    b = await inner.__await__().__iter__() if False else await inner
    return a, b


c = uses_awaitables()
out = []
try:
    v = c.send(None)
    while True:
        out.append(v)
        v = c.send(None)
except StopIteration as e:
    out.append(e.value)
print(out)

w = leaf(3).__await__()
print(type(w).__name__, iter(w) is w, next(w))
try:
    w.send("x")
except StopIteration as e:
    print("wrapper returned", e.value)


# Errors with CPython's messages.
async def immediate():
    return 1


def expect(fn):
    try:
        print("value", fn())
    except BaseException as e:
        print(type(e).__name__ + ":", e)


c = immediate()
expect(lambda: c.send(None))
expect(lambda: c.send(None))
expect(lambda: c.throw(ValueError))
expect(lambda: c.close())
expect(lambda: next(c))
expect(lambda: iter(c))
c = immediate()
expect(lambda: c.send(5))
expect(lambda: c.close())
expect(lambda: c.send(None))
c = immediate()
expect(lambda: c.throw(KeyError("unstarted")))
expect(lambda: c.send(None))


class NotAwaitable:
    pass


class AwaitReturnsInt:
    def __await__(self):
        return 5


class AwaitReturnsCoroutine:
    def __await__(self):
        c = immediate()
        c.close()
        return c


async def awaiting(x):
    return await x


for x in (3, NotAwaitable(), AwaitReturnsInt(), AwaitReturnsCoroutine()):
    c = awaiting(x)
    expect(lambda: c.send(None))


async def raises_stop():
    raise StopIteration("inside")


c = raises_stop()
expect(lambda: c.send(None))


class Suspend:
    def __await__(self):
        yield "suspended"


async def ignores_exit():
    try:
        await Suspend()
    except GeneratorExit:
        await Suspend()


c = ignores_exit()
c.send(None)
expect(lambda: c.close())

held = awaiting(Suspend())
held.send(None)
c = awaiting(held)
expect(lambda: c.send(None))  # held is being awaited already
held.close()


def gen_yield_from_coroutine():
    c = immediate()
    c.close()
    yield from c


expect(lambda: next(gen_yield_from_coroutine()))


def running_check():
    async def probe():
        return me.cr_running
    me = probe()
    return me.send(None)


expect(running_check)


async def reenter():
    return await me2


me2 = reenter()
expect(lambda: me2.send(None))


# A decorated async def, async methods, names and reprs.
def tagged(fn):
    fn.tag = "tagged"
    return fn


class Service:
    @tagged
    async def fetch(self, key):
        await Yield(("fetch", key))
        return key.upper()

    @staticmethod
    async def helper():
        return "static"


s = Service()
c = s.fetch("k")
print(Service.fetch.tag, c.__name__, c.__qualname__, repr(c).startswith("<coroutine object Service.fetch at 0x"))
print(c.send(None))
expect(lambda: c.send(None))
c = Service.helper()
expect(lambda: c.send(None))


# A round-robin scheduler: each task yields a Yield at every step.
def run_all(tasks):
    results = {}
    ready = list(tasks.items())
    order = []
    while ready:
        name, coro = ready.pop(0)
        try:
            tag = coro.send(None)
            order.append(name)
            ready.append((name, coro))
        except StopIteration as e:
            results[name] = e.value
    return order, results


async def worker(name, steps):
    total = 0
    for i in range(steps):
        r = await Yield(i)
        total += i
    return name, total


order, results = run_all({"a": worker("a", 3), "b": worker("b", 1), "c": worker("c", 2)})
print(order)
print(sorted(results.items()))

# await binds tighter than ** and unary minus.
async def arith():
    return -await immediate() ** 2, (await immediate()) + 1


expect(lambda: arith().send(None))
