# The object model where CPython's test_descr found ftpy different: a
# derived class's reflected operator first, three-argument pow through
# __pow__, **= in errors, isinstance through __class__ (proxies, mocks),
# object.__new__/__init__ with extra arguments, types.MethodType, a data
# descriptor without __get__, __qualname__ and __slots__ checks.
class C(object):
    def __floordiv__(self, other): return "C.__floordiv__"
    def __rfloordiv__(self, other): return "C.__rfloordiv__"
class D(C):
    def __floordiv__(self, other): return "D.__floordiv__"
    def __rfloordiv__(self, other): return "D.__rfloordiv__"
class E(C): pass
print(D() // C(), C() // D(), E() // C(), C() // E())
class F(C):
    def __rfloordiv__(self, other): return "F.__rfloordiv__"
print(C() // F())
class X:
    def __add__(self, o): return 'X.add'
    def __radd__(self, o): return 'X.radd'
class Y(X):
    def __radd__(self, o): return 'Y.radd'
print(X() + Y(), Y() + X())
class I(int):
    def __repr__(self): return 'I(%s)' % int(self)
    def __pow__(self, other, mod=None):
        if mod is None: return I(pow(int(self), int(other)))
        return I(pow(int(self), int(other), int(mod)))
    def __rpow__(self, other, mod=None):
        if mod is None: return I(pow(int(other), int(self), mod))
        return I(pow(int(other), int(self), int(mod)))
print(repr(pow(I(2), I(3), I(5))), repr(pow(I(2), I(3))), repr(pow(2, I(3), 5)), repr(pow(I(2), 3, 5)))
x = None
try: x **= 2
except TypeError as e: print(e)
try: x @= 2
except TypeError as e: print(e)
try: x //= 2
except TypeError as e: print(e)
class C: pass
class P:
    __class__ = property(lambda self: C)
print(isinstance(P(), C), isinstance(P(), P), isinstance(P(), (int, C)), type(P()).__name__)
class G:
    def __getattribute__(self, n):
        if n == '__class__': return str
        return object.__getattribute__(self, n)
print(isinstance(G(), str), isinstance(G(), G), isinstance(G(), int))
class Bad:
    @property
    def __class__(self): raise AttributeError
print(isinstance(Bad(), int), isinstance(Bad(), Bad))
class Err:
    @property
    def __class__(self): raise ValueError('boom')
try: isinstance(Err(), int)
except ValueError as e: print('ValueError', e)
from unittest import mock
m = mock.Mock(spec=dict)
print(isinstance(m, dict), isinstance(mock.MagicMock(spec=list), list), isinstance(m, list))
from unittest import mock
m = mock.Mock(); m.__class__ = dict; print(isinstance(m, dict), m.__class__)
class P:
    def _get(self): return getattr(self, '_c', type(self))
    def _set(self, v): self._c = v
    __class__ = property(_get, _set)
p = P(); p.__class__ = int; print(p.__class__, type(p).__name__, isinstance(p, int))
class Q: pass
q = Q()
class R: pass
q.__class__ = R; print(type(q).__name__)
def t(f, *a, **k):
    try: f(*a, **k); print('ok')
    except TypeError as e: print('TypeError', e)
class A(object): pass
t(object.__new__, A); t(object.__new__, A, 5); t(object.__init__, A()); t(object.__init__, A(), 5)
class A(object):
    def __init__(self, foo): self.foo = foo
t(object.__new__, A); t(object.__new__, A, 5); t(object.__init__, A(3)); t(object.__init__, A(3), 5)
class A(object):
    def __new__(cls, foo): return object.__new__(cls)
t(object.__new__, A); t(object.__new__, A, 5); t(object.__init__, A(3)); t(object.__init__, A(3), 5)
class A(object):
    def __new__(cls, foo): return object.__new__(cls)
    def __init__(self, foo): self.foo = foo
t(object.__new__, A); t(object.__new__, A, 5); t(object.__init__, A(3)); t(object.__init__, A(3), 5)
class OverrideNeither: pass
t(OverrideNeither, 1); t(OverrideNeither, kw=1)
class OverrideNew:
    def __new__(cls, foo, kw=0, *args, **kwds): return object.__new__(cls, *args, **kwds)
class OverrideInit:
    def __init__(self, foo, kw=0, *args, **kwargs): return object.__init__(self, *args, **kwargs)
class OverrideBoth(OverrideNew, OverrideInit): pass
for case in OverrideNew, OverrideInit, OverrideBoth:
    t(case, 1); t(case, 1, kw=2); t(case, 1, 2, 3); t(case, 1, 2, foo=3)
t(object.__init__, 5, 1); t(object.__init__, ValueError(), 1)
import types
class A:
    x = 5
def f(self, y=1): return (type(self).__name__, y)
a = A()
m = types.MethodType(f, a)
print(m(), m(2), m.__self__ is a, m.__func__ is f, repr(m).startswith('<bound method f of'))
print(types.MethodType(len, [1, 2])())
a.g = types.MethodType(lambda self: self.x, a); print(a.g())
for args in [(), (len,), (1, 2), (len, None), (len, 1, 2)]:
    try: print(types.MethodType(*args))
    except TypeError as e: print(e)
try: types.MethodType(len, 1, x=1)
except TypeError as e: print(e)
class Descr(object):
    def __init__(self, name): self.name = name
    def __set__(self, obj, value): obj.__dict__[self.name] = value
descr = Descr("a")
class X(object):
    a = descr
x = X()
print(x.a is descr)
x.a = 42
print(x.a)
class Meta(type): pass
class Y(metaclass=Meta): pass
Y.a = 42
Meta.a = Descr("a")
print(Y.a)
for ns in [{'__qualname__': 1}, {'__qualname__': 'x.y'}]:
    try:
        T = type('Foo', (), ns); print(T.__qualname__, '__qualname__' in T.__dict__)
    except TypeError as e: print(e)
for s in [[chr(128)], ['\u00e9'], ['a b'], ['1a'], [''], ['ok']]:
    try:
        class C: __slots__ = s
        print('ok', s)
    except TypeError as e: print(e)
try:
    class D: __qualname__ = 5
except TypeError as e: print(e)
