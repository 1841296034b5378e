class C:
    def m(self): return 1
    @property
    def p(self): return 'p'
    @p.setter
    def p(self, v): self._p = v
    @classmethod
    def cm(cls): return cls.__name__
    @staticmethod
    def sm(): return 'sm'
    __slots__ = ('s', '_p')
c = C()
f = C.__dict__['m']
print(f.__get__(c)(), f.__get__(None, C) is f, C.__dict__['p'].__get__(c), C.__dict__['p'].__get__(None, C) is C.__dict__['p'])
print(C.__dict__['cm'].__get__(None, C)(), C.__dict__['cm'].__get__(c)(), C.__dict__['sm'].__get__(c)())
C.__dict__['p'].__set__(c, 5); print(c._p)
C.__dict__['s'].__set__(c, 7); print(C.__dict__['s'].__get__(c, C), c.s); C.__dict__['s'].__delete__(c); print(hasattr(c, 's'))
print(str.upper.__get__('ab')(), str.__dict__['upper'].__get__('x', str)())
try: str.upper.__get__(1)
except TypeError as e: print(e)
try: f.__get__(None, None)
except TypeError as e: print(e)
try: C.__dict__['p'].__delete__(c)
except AttributeError as e: print(e)
class LoudProp(property):
    def __get__(self, obj, owner=None):
        return ('loud', super().__get__(obj, owner))
class D:
    @LoudProp
    def x(self): return 3
print(D().x)
import types
print(type(types.FunctionType.__code__).__name__, types.FunctionType.__code__.__get__((lambda: 0)).co_name if hasattr(types.FunctionType.__code__, '__get__') else None)
print(hasattr(len, '__get__'), hasattr(int.real, '__set__'))
