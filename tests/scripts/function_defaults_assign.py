# A function's __defaults__ and __kwdefaults__ can be replaced and removed, as
# in CPython (an assignment went into the function's __dict__ and calls kept
# the old defaults: namedtuple(defaults=...) had no defaults).
from collections import namedtuple
P = namedtuple('Point', 'x y', defaults=(10, 20))
print(P.__new__.__defaults__, P(1), P())
def f(a, b=2, *, c=3): return (a, b, c)
print(f.__defaults__, f.__kwdefaults__)
f.__defaults__ = (1, 5)
print(f(), f(0))
f.__kwdefaults__ = {'c': 'C'}
print(f())
f.__defaults__ = None
try: f()
except TypeError as e: print("TypeError", e)
del f.__kwdefaults__
try: f(1)
except TypeError as e: print("TypeError", e)
for bad in ([1], 5):
    try: f.__defaults__ = bad
    except TypeError as e: print("TypeError", e)
    try: f.__kwdefaults__ = bad
    except TypeError as e: print("TypeError", e)
print(f.__defaults__, f.__kwdefaults__, f.__dict__)
g = lambda x=1: x
g.__defaults__ = (42,)
print(g())
