import gc, weakref
class SlottedNaiveException(Exception):
    __slots__ = ('x',)
    def __init__(self, x):
        self.x = x
    def __str__(self):
        return "x=%s" % self.x
e = SlottedNaiveException(5)
print(e, e.x, e.args, hasattr(e, '__dict__'))
e.y = 3
print(e.y, e.__dict__)
class G0(ExceptionGroup): pass
class G(G0):
    __slots__ = ('a', 'b')
g = G("m", [ValueError(1)])
g.a = [g]; g.b = "b"
print(g.a[0] is g, g.b, g.exceptions)
r = weakref.ref(g); del g; gc.collect(); print(r())
class S(OSError):
    __slots__ = ('q',)
s = S(2, "nope"); s.q = s
print(s.errno, s.strerror, s.q is s)
try:
    raise SlottedNaiveException(7)
except SlottedNaiveException as ex:
    print("caught", ex, ex.x)
try:
    del e.x; print(e.x)
except AttributeError as ex: print("AE", ex)
