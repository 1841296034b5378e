class Suspend:
    def __await__(self):
        yield "suspended"


async def inner(n):
    await Suspend()
    if n == 0:
        raise ValueError("deep")
    return await inner(n - 1)


async def outer():
    async with Manager():
        await inner(2)


class Manager:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


c = outer()
while True:
    print(c.send(None))
