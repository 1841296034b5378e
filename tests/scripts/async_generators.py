# Async generators (PEP 525) driven by hand: async for, __anext__, asend,
# athrow, aclose, a value yielded after GeneratorExit, StopAsyncIteration
# raised inside, an exception leaving the generator, and an empty one.

async def ticker(n):
    try:
        for i in range(n):
            yield i
            await Sleep()
    finally:
        print("ticker finally")

class Sleep:
    def __await__(self):
        yield "tick"

def run(coro):
    ticks = 0
    try:
        while True:
            v = coro.send(None)
            ticks += 1
    except StopIteration as e:
        return e.value, ticks

async def consume():
    out = []
    async for v in ticker(3):
        out.append(v)
    return out

print(run(consume()))

async def manual():
    g = ticker(5)
    print(type(g).__name__, g.__name__, g.__qualname__.split(".")[-1], g.ag_running)
    first = await g.__anext__()
    second = await g.asend(None)
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted after aclose")
    return first, second
print(run(manual()))

async def echo():
    received = None
    while True:
        try:
            received = yield received
        except ValueError as e:
            received = f"caught {e}"
async def drive_echo():
    g = echo()
    print(await g.asend(None))
    print(await g.asend("hello"))
    print(await g.athrow(ValueError("bad")))
    await g.aclose()
    return "closed"
print(run(drive_echo()))

async def raiser():
    yield 1
    raise KeyError("inside")
async def drive_raiser():
    g = raiser()
    r = [await g.__anext__()]
    try:
        await g.__anext__()
    except KeyError as e:
        r.append(repr(e))
    return r
print(run(drive_raiser()))

async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
async def drive_stubborn():
    g = stubborn()
    await g.__anext__()
    try:
        await g.aclose()
    except RuntimeError as e:
        return str(e)
print(run(drive_stubborn()))

async def empty():
    return
    yield
async def drive_empty():
    try:
        await empty().__anext__()
    except StopAsyncIteration:
        return "empty stops"
print(run(drive_empty()))

async def stop_inside():
    yield 1
    raise StopAsyncIteration
async def drive_stop_inside():
    g = stop_inside()
    await g.__anext__()
    try:
        await g.__anext__()
    except RuntimeError as e:
        return str(e)
print(run(drive_stop_inside()))

