# Abstract classes cannot be instantiated (CPython's object_new with
# Py_TPFLAGS_IS_ABSTRACT): abc's classes, partial implementations, a
# __new__ that calls object.__new__, __abstractmethods__ stored, emptied,
# deleted or refused by hand; a builtin base bypasses the check, as in
# CPython.
import abc
from collections.abc import Hashable, Sized, Iterable, Mapping
for cls in (Hashable, Sized, Iterable, Mapping):
    try:
        cls()
        print("no error")
    except TypeError as e:
        print("TypeError", e)
class B(abc.ABC):
    @abc.abstractmethod
    def g(self): pass
    @abc.abstractmethod
    def f(self): pass
try: B()
except TypeError as e: print("TypeError", e)
class C(B):
    def f(self): return 1
try: C()
except TypeError as e: print("TypeError", e)
class D(C):
    def g(self): return 2
print(D().f(), D().g())
class N(B):
    def __new__(cls):
        return object.__new__(cls)
try: N()
except TypeError as e: print("TypeError", e)
# update_abstractmethods and manual edits
class E(abc.ABC):
    pass
E.__abstractmethods__ = frozenset({"x"})
try: E()
except TypeError as e: print("TypeError", e)
E.__abstractmethods__ = frozenset()
print(type(E()).__name__)
E.__abstractmethods__ = {"y"}
try: E()
except TypeError as e: print("TypeError", e)
del E.__abstractmethods__
print(type(E()).__name__)
class Bad:
    def __bool__(self): raise ValueError("no")
try: E.__abstractmethods__ = Bad()
except ValueError as e: print("ValueError", e)
print(type(E()).__name__)
class L(list, abc.ABC):
    @abc.abstractmethod
    def h(self): pass
print(type(L()).__name__)
