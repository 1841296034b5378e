def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    return total
acc = accumulator()
print(next(acc))
for v in [5, 10, 20]:
    print(acc.send(v))
try:
    acc.send(None)
except StopIteration as e:
    print("final", e.value)
def resilient():
    while True:
        try:
            x = yield
            print("got", x)
        except ValueError as e:
            print("recovered from", e)
        except GeneratorExit:
            print("closing")
            raise
r = resilient()
next(r)
r.send(1)
r.throw(ValueError("bad"))
r.send(2)
r.close()
def gen():
    yield 1
g = gen()
try:
    g.send("x")
except TypeError as e:
    print(e)
g = gen()
print(next(g))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("propagated", e)
print(list(g))
