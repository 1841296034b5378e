class Lock:
    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False


def not_async():
    async with Lock():
        pass
