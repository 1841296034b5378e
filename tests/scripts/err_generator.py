def gen():
    yield 1
    raise ValueError("generator failed")
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught", e)
print(next(g, "exhausted"))
def bad():
    yield 1
    raise StopIteration
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e)
def consumer():
    for v in gen():
        print("value", v)
consumer()
