# async with and async for, driven by hand: __aenter__/__aexit__ and __anext__
# are coroutines that suspend; break, continue, else and return inside; the
# protocol errors with CPython 3.11's messages.
log = []
class Suspend:
    def __await__(self):
        v = yield "suspend"
        return v
class CM:
    def __init__(self, name, suppress=False):
        self.name, self.suppress = name, suppress
    async def __aenter__(self):
        log.append(("enter", self.name, await Suspend()))
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        log.append(("exit", self.name, et.__name__ if et else None, await Suspend()))
        return self.suppress
class AIter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        await Suspend()
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i
async def main():
    async with CM("a") as a, CM("b") as b:
        log.append(("body", a, b))
    async with CM("c", suppress=True):
        raise ValueError("suppressed")
    try:
        async with CM("d"):
            raise KeyError("kept")
    except KeyError as e:
        log.append(("caught", repr(e)))
    total = 0
    async for x in AIter(3):
        total += x
    else:
        log.append(("else", total))
    async for x in AIter(5):
        if x == 2:
            continue
        if x == 4:
            break
        log.append(("loop", x))
    else:
        log.append("not reached")
    for rv in range(2):
        async with CM("ret"):
            return "returned", total
def drive(c):
    n = 0
    try:
        while True:
            c.send(n or None); n += 1
    except StopIteration as e:
        return n, e.value
print(drive(main()))
for l in log: print(l)
async def bad(x):
    async with x:
        pass
async def badfor(x):
    async for i in x:
        pass
class NoExit:
    async def __aenter__(self): pass
class EnterNotAwaitable:
    def __aenter__(self): return 1
    async def __aexit__(self, *a): pass
class ExitNotAwaitable:
    async def __aenter__(self): pass
    def __aexit__(self, *a): return 1
class AiterNoAnext:
    def __aiter__(self): return 1
class AnextBad:
    def __aiter__(self): return self
    def __anext__(self): return 1
class RaisingAnext:
    def __aiter__(self): return self
    async def __anext__(self): raise ValueError("from anext")
for fn, x in ((bad, 1), (bad, NoExit()), (bad, EnterNotAwaitable()), (bad, ExitNotAwaitable()), (badfor, 1), (badfor, AiterNoAnext()), (badfor, AnextBad()), (badfor, RaisingAnext())):
    try:
        drive(fn(x))
    except Exception as e:
        print(type(e).__name__, e, repr(e.__cause__))


# return from inside async for inside async with: __aexit__ is awaited on
# the way out, and the loop's iterator is dropped.
async def nested():
    async with CM("outer"):
        async for x in AIter(10):
            async with CM("inner" + str(x)):
                if x == 2:
                    return x


log.clear()
print(drive(nested()))
for entry in log:
    print(entry)
