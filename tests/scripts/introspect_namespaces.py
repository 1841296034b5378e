# locals(), vars() and dir() on modules, functions, closures, classes and
# instances, against CPython.
import pkgdemo.noall as noall

x_global = 1
print(locals() is globals(), vars() is globals())

def f(a, b=2, *rest, key=None, **kw):
    c = a + b
    unbound_later = None
    del unbound_later
    def inner():
        return a + c
    snapshot = locals()
    return sorted(k for k in snapshot), snapshot["a"], snapshot["c"], inner()
print(f(1, 5, 6, key=3, extra=4))

def outer():
    captured = "cell"
    def reader():
        return sorted(locals().items())
    def uses():
        return captured
    return reader(), uses()
print(outer())

class Point:
    dims = 2
    def __init__(self, x, y):
        self.x, self.y = x, y
    def norm1(self):
        return abs(self.x) + abs(self.y)
    seen_in_body = sorted(k for k in locals() if not k.startswith("__"))
print(Point.seen_in_body)

p = Point(3, -4)
print(vars(p), vars(p) is p.__dict__)
print([n for n in dir(p) if not n.startswith("__")])
print([n for n in dir(Point) if not n.startswith("__")])
print("__init__" in dir(p), "norm1" in dir(p), "dims" in dir(Point))
print([n for n in dir(noall) if n not in ("__builtins__", "__cached__")])
print(sorted(vars(noall))[-4:])

class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]
print(dir(Custom()))

def nothing():
    return dir()
print(nothing())

for bad in (1, "s", [1]):
    try:
        vars(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    dir(1, 2)
except TypeError as e:
    print("TypeError:", e)
