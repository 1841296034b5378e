import copy, copyreg
print(object().__reduce_ex__(2)[1:], object().__reduce__()[1:])
print(object.__getstate__(object()))
class P:
    def __init__(self): self.a = 1; self.b = [1, 2]
p = P()
q = copy.copy(p); print(type(q).__name__, q.__dict__, q.b is p.b)
r = copy.deepcopy(p); print(r.__dict__, r.b is p.b)
class S:
    __slots__ = ('x', 'y')
s = S(); s.x = 5
print(S.__slotnames__ if hasattr(S, '__slotnames__') else None, copy.copy(s).x, hasattr(copy.copy(s), 'y'))
print(s.__reduce_ex__(2)[2])
class L(list): pass
l = L([1, 2]); l.a = 1
red = l.__reduce_ex__(2); print(red[1], red[2], list(red[3]), red[4])
c = copy.copy(l); print(type(c).__name__, c, c.a)
class D(dict): pass
d = D(x=1); print(copy.deepcopy(d), type(copy.deepcopy(d)).__name__)
class I(int): pass
print(copy.copy(I(7)), type(copy.copy(I(7))).__name__, I(7).__getnewargs__())
print((5).__getnewargs__(), 'a'.__getnewargs__(), (1,).__getnewargs__(), 1.5.__getnewargs__(), b'a'.__getnewargs__(), 1j.__getnewargs__())
print(set([1]).__reduce__(), frozenset([1]).__reduce_ex__(2), bytearray(b'a\xff').__reduce_ex__(2), bytearray(b'ab').__reduce_ex__(4))
print(range(3).__reduce__(), slice(1, 2).__reduce__())
e = ValueError(1); print(e.__reduce__()); e.x = 3; print(e.__reduce__())
e2 = copy.copy(e); print(type(e2).__name__, e2.args, e2.x)
import threading
for proto in (4, 2):
    try: copy.copy(threading.Lock()) if proto == 4 else threading.Lock().__reduce_ex__(proto)
    except TypeError as ex: print("TypeError", ex)
try: object().__reduce_ex__()
except TypeError as ex: print(ex)
try: object().__reduce_ex__('a')
except TypeError as ex: print(ex)
class G:
    def __getnewargs_ex__(self): return ((1,), {'k': 2})
    def __new__(cls, *a, **k): o = object.__new__(cls); o.ak = (a, k); return o
g = copy.copy(G()); print(g.ak)
class Bad:
    def __getnewargs__(self): return [1]
try: copy.copy(Bad())
except TypeError as ex: print(ex)
class Bad2:
    def __getnewargs_ex__(self): return (1,)
try: copy.copy(Bad2())
except ValueError as ex: print(ex)
class St:
    def __init__(self): self.v = 1
    def __getstate__(self): return {'v': 42}
print(copy.copy(St()).v)
class Red:
    def __reduce__(self): return (Red, ())
print(type(Red().__reduce_ex__(4)).__name__, Red().__reduce_ex__(4)[0] is Red)
print(object().__reduce_ex__(1)[0] is copyreg._reconstructor)
class P1: pass
x = P1(); x.z = 9
print(copy.copy(x).z, x.__reduce_ex__(0)[1])
print(bool(int.__flags__ & 512), bool(P1.__flags__ & 512), bool(P1.__flags__ & (1 << 10)), bool(int.__flags__ & (1 << 24)))
import abc
class A(abc.ABC):
    @abc.abstractmethod
    def f(self): pass
print(bool(A.__flags__ & (1 << 20)), bool(P1.__flags__ & (1 << 20)))
