async def fetch():
    return 1

print("never runs")
x = await fetch()
