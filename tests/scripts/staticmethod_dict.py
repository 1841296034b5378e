# staticmethod/classmethod objects at CPython 3.10+'s edges: a __dict__ that
# holds the names copied from the callable (made on first use in ftpy) and
# assigned attributes, read-only fields, __dict__ replacement, re-init, and
# classes whose classmethods use super() freed by the cycle collector.
import gc, weakref
def f(a):
    "f docs"
    return a
f.__annotations__ = {}
sm = staticmethod(None)
print(sm.__dict__)
sm.x = 42
print(sm.x, sm.__dict__)
del sm.x
print(hasattr(sm, 'x'))
try: del sm.x
except AttributeError as e: print(e)
cm = classmethod(f)
print(cm.__dict__ == {'__annotations__': {}, '__doc__': 'f docs', '__module__': __name__, '__name__': 'f', '__qualname__': 'f'})
cm.x = 42
print(cm.x, sorted(cm.__dict__))
for a in ['__func__', '__wrapped__', '__isabstractmethod__']:
    try: setattr(cm, a, 1)
    except AttributeError as e: print(a, e)
print(cm.__name__, cm.__doc__, cm.__func__ is f, cm.__wrapped__ is f, cm.__isabstractmethod__)
class C:
    @classmethod
    def m(cls): return cls
    @staticmethod
    def s(x): return x * 2
print(C.m(), C().s(4), C.__dict__['m'].__name__, C.__dict__['s'].__qualname__)
def make():
    class D:
        @classmethod
        def m(cls): return super().__init_subclass__
        @staticmethod
        def s(): return __class__
    return weakref.ref(D)
r = make(); gc.collect(); print(r())
print(gc.is_tracked(cm), gc.is_tracked(staticmethod(f)))
staticmethod.__init__(cm2 := staticmethod(f), len)
print(cm2.__func__ is len)
d = cm2.__dict__; staticmethod.__init__(cm2, abs); print(cm2.__name__, d['__name__'])
try: cm.__dict__ = 1
except TypeError as e: print(e)
try: del cm.__dict__
except TypeError as e: print(e)
cm.__dict__ = {'y': 5}; print(cm.y, cm.__dict__)
