# Asynchronous comprehensions (PEP 530): async for in list/set/dict
# comprehensions and generator expressions, await inside comprehensions,
# nesting, and an async generator expression in a plain function.
class Tick:
    def __await__(self):
        yield "tick"

async def arange(n):
    for i in range(n):
        await Tick()
        yield i

async def double(x):
    await Tick()
    return x * 2

def run(coro):
    ticks = 0
    try:
        while True:
            coro.send(None)
            ticks += 1
    except StopIteration as e:
        return e.value, ticks

async def main():
    a = [x async for x in arange(4)]
    b = {x: x * x async for x in arange(3) if x}
    c = {x % 2 async for x in arange(5)}
    d = [await double(x) for x in range(3)]
    e = [[y async for y in arange(x)] for x in range(3)]
    f = [x async for x in arange(6) if x % 2 async for _ in arange(2)] if False else [(x, y) async for x in arange(3) for y in range(x)]
    g = (x * 10 async for x in arange(3))
    h = [v async for v in g]
    i = [await double(v) async for v in arange(3)]
    return a, b, c, d, e, f, h, type(g).__name__, i
print(run(main()))

def sync_genexp():
    return (x async for x in arange(2))
print(type(sync_genexp()).__name__)
