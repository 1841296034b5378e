# Renaming a class: __name__, __qualname__ and __module__ stores take effect
# in reprs, messages and the attributes, with CPython's checks. typing
# registers its deprecated typing.re/typing.io pseudo-modules this way, and
# got the real `re` replaced in sys.modules when the store was ignored.
class A:
    pass


A.__name__ = 'B.C'
print(A.__name__, A.__qualname__, repr(A), A().__class__.__name__)
A.__qualname__ = 'Outer.Inner'
print(A.__name__, A.__qualname__, repr(A))
A.__module__ = 'pkg.mod'
print(repr(A), A.__module__, repr(A()).split(' object')[0])
for bad in [lambda: setattr(A, '__name__', 5), lambda: setattr(A, '__name__', 'a\x00b'), lambda: delattr(A, '__name__'),
            lambda: setattr(A, '__qualname__', 5), lambda: delattr(A, '__qualname__'), lambda: setattr(int, '__name__', 'x')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
try:
    A().missing
except AttributeError as e:
    print(e)
import sys
import typing
import re
print(sys.modules['re'] is re, re.compile.__name__, 'typing.re' in sys.modules, sys.modules['typing.re'].__name__)
from _strptime import _strptime_time
print(_strptime_time('2024-01-05', '%Y-%m-%d')[:3])
