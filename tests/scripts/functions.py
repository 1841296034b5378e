def add(a, b):
    return a + b
def greet(name, greeting="Hello", *, punct="!"):
    return f"{greeting}, {name}{punct}"
def varargs(*args, **kwargs):
    return args, sorted(kwargs.items())
def posonly(a, b, /, c):
    return a, b, c
print(add(1, 2), add("a", "b"), add(b=1, a=2), greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"))
print(varargs(), varargs(1, 2), varargs(x=1), varargs(1, y=2), posonly(1, 2, 3), posonly(1, 2, c=3))
args = [1, 2]
kw = {"b": 5}
print(add(*args), add(1, **kw), varargs(*"ab", **{"k": 1}), add(*[1], *[2]))
def defaults(x, items=None, n=3):
    if items is None:
        items = []
    items.append(x)
    return items, n
print(defaults(1), defaults(2, n=4), defaults(3, [0]))
def noreturn():
    pass
print(noreturn(), add.__name__, (lambda: 0).__name__, greet.__defaults__)
square = lambda v: v * v
print(square(7), (lambda *a: sum(a))(1, 2, 3), (lambda k=2: k)())
def recursive(n):
    return 1 if n <= 1 else n * recursive(n - 1)
print(recursive(10))
def apply(f, *a):
    return f(*a)
print(apply(max, 3, 9, 2), apply(str.upper, "x"))
def kwonly(*, a, b=2):
    return a + b
print(kwonly(a=1), kwonly(b=3, a=1))

# __module__, __name__ and __qualname__ are writable (functools.update_wrapper
# copies them; pickle finds a function by __module__).
def f(): pass
f.__module__ = 'zzz'; print(f.__module__)
del f.__module__; print(f.__module__)
f.__module__ = 5; print(f.__module__)
f.__name__ = 'g'; f.__qualname__ = 'h.g'; print(f.__name__, f.__qualname__, repr(f)[:17])
try: f.__name__ = 3
except TypeError as e: print(e)
import functools
@functools.lru_cache()
def cached(x): return x
print(cached.__module__, cached.__name__, cached.__wrapped__.__name__)
