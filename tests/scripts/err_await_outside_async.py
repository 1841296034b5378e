async def fetch():
    return 1


def caller():
    return await fetch()
