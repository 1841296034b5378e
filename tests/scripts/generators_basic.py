def gen(n):
    for i in range(n):
        yield i * i
    return "done"
print(list(gen(5)), sum(x for x in range(10)), max(len(w) for w in ["a", "bcd"]))
g = gen(2)
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
e = echo()
print(next(e), e.send("a"), e.send("b"))
try:
    e.send(None)
except StopIteration as s:
    print(s.value)
def outer():
    r = yield from gen(3)
    print("inner returned", r)
    yield from [10, 20]
print(list(outer()))
def fin():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
f = fin()
print(next(f))
f.close()
print("closed")
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
it = fib()
print([next(it) for _ in range(10)])
print(list(zip(fib(), "abc")))
def catcher():
    try:
        yield 1
    except ValueError as e:
        print("caught", e)
        yield 2
c = catcher()
print(next(c), c.throw(ValueError("boom")))
print(type(gen(1)).__name__, all(x > 0 for x in [1, 2]), any(x > 5 for x in [1, 2]))
