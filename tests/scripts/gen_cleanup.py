def managed(name):
    print("start", name)
    try:
        for i in range(3):
            yield f"{name}{i}"
    finally:
        print("cleanup", name)
for v in managed("a"):
    print(v)
g = managed("b")
print(next(g))
g.close()
print("after close")
def early():
    for v in managed("c"):
        if v == "c1":
            return v
print(early())
def counter():
    i = 0
    try:
        while True:
            yield i
            i += 1
    except GeneratorExit:
        print("counter closed at", i)
c = counter()
print(next(c), next(c), next(c))
del c
print("done")
