# An async generator cannot be used with a plain for loop.
async def agen():
    yield 1
for x in agen():
    print(x)
