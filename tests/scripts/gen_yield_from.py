def inner(n):
    for i in range(n):
        received = yield i
        if received:
            print("inner got", received)
    return f"inner({n}) done"
def outer():
    result = yield from inner(3)
    print(result)
    result2 = yield from inner(2)
    print(result2)
    return "outer done"
g = outer()
print(next(g), g.send("hello"), next(g), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print(e.value)
def flatten(items):
    for x in items:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x
print(list(flatten([1, [2, [3, [4, 5]], 6], [[7]]])))
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain("ab", [1, 2], range(3), (x for x in "xy"))))
def tree(depth):
    if depth == 0:
        yield "leaf"
        return
    yield f"node{depth}"
    yield from tree(depth - 1)
    yield from tree(depth - 1)
print(list(tree(2)))
