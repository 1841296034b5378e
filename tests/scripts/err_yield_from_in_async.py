def inner():
    yield 1


async def outer():
    yield from inner()
