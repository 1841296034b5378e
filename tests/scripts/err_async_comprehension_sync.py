# An async comprehension needs an async function around it.
def f(y):
    return [x async for x in y]
