# asyncio, CPython's own, on ftpy: types.coroutine (code.replace and the
# CO_ITERABLE_COROUTINE flag), sys.set_asyncgen_hooks (the event loop's
# async-generator bookkeeping), tasks, queues, timeouts, cancellation,
# streams over _socket and run_in_executor. Output compared with CPython 3.11.
import asyncio
import sys
import types
@types.coroutine
def sleep0():
    yield
print(hex(sleep0.__code__.co_flags & 0x1a0))
async def main():
    await sleep0()
    await asyncio.sleep(0.01)
    r = await asyncio.gather(*(asyncio.sleep(0.01, result=i) for i in range(5)))
    q = asyncio.Queue()
    async def prod():
        for i in range(3): await q.put(i)
        await q.put(None)
    async def cons():
        out = []
        while (x := await q.get()) is not None: out.append(x)
        return out
    _, got = await asyncio.gather(prod(), cons())
    return r, got
print(asyncio.run(main()))
def f(): return 1
def g(): return 2
f.__code__ = g.__code__
print(f())
try: f.__code__ = 5
except TypeError as e: print(e)
c = f.__code__.replace(co_name="renamed")
print(c.co_name, f.__code__.co_name)
try: f.__code__.replace(co_bogus=1)
except TypeError as e: print(e)
print(f.__code__.replace(co_flags=f.__code__.co_flags).co_flags == f.__code__.co_flags)
def two_free():
    a = b = 1
    def inner():
        return a + b
    return inner
try:
    f.__code__ = two_free().__code__
except ValueError as e:
    print(e)


@types.coroutine
def delegate():
    # An iterable coroutine may 'yield from' a coroutine.
    return (yield from sleep_coro())


async def sleep_coro():
    await asyncio.sleep(0)
    return "delegated"


async def use_delegate():
    return await delegate()


print(asyncio.run(use_delegate()))


def plain(c):
    yield from c


c = sleep_coro()
try:
    list(plain(c))
except TypeError as e:
    print(e)
c.close()
try:
    sys.set_asyncgen_hooks(firstiter=1)
except TypeError as e:
    print(e)
seen = []
sys.set_asyncgen_hooks(firstiter=seen.append, finalizer=lambda g: seen.append("finalized"))


async def numbers():
    yield 1
    yield 2


g = numbers()
print(len(seen))
try:
    g.__anext__().send(None)
except StopIteration as e:
    print("first", e.value)
print(seen[0] is g, sys.get_asyncgen_hooks().firstiter == seen.append)
del g
print(type(seen[-1]).__name__)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())

async def handle(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    writer.close()
    await writer.wait_closed()
async def agen():
    try:
        for i in range(10):
            yield i
    finally:
        print("agen finally")
async def main():
    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    for word in ["alpha\n", "beta\n"]:
        w.write(word.encode())
        await w.drain()
        print(await r.readline())
    w.close()
    await w.wait_closed()
    srv.close()
    await srv.wait_closed()
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, sum, range(100)))
    g = agen()
    async for x in g:
        if x == 2: break
    print("broke at 2")
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.05)
    except asyncio.TimeoutError:
        print("timeout")
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel()
    try: await t
    except asyncio.CancelledError: print("cancelled")
    print(sys.get_asyncgen_hooks().firstiter is not None)
asyncio.run(main())
print(sys.get_asyncgen_hooks())
