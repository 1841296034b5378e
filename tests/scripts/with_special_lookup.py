# `with` looks __enter__ and __exit__ up on the type, as CPython's
# _PyObject_LookupSpecial does: attributes of the instance are ignored,
# descriptors are bound (__enter__ before __exit__ is looked up), static and
# class methods work, and a missing method gives CPython's TypeError.
class CM:
    def __enter__(self): return "class-enter"
    def __exit__(self, *a): print("class-exit", a[0]); return False
c = CM()
c.__enter__ = lambda: "instance-enter"
c.__exit__ = lambda *a: print("instance-exit")
with c as v:
    print(v)
class Desc:
    def __get__(self, obj, typ):
        print("get", type(obj).__name__)
        return lambda *a: print("desc-exit", len(a))
class CM2:
    __enter__ = lambda self: self
    __exit__ = Desc()
with CM2():
    pass
class SM:
    @staticmethod
    def __enter__(): return "static"
    @classmethod
    def __exit__(cls, *a): print("cls exit", cls.__name__)
with SM() as v: print(v)


class NoExit:
    def __enter__(self):
        print("entered anyway")


class NoEnter:
    def __exit__(self, *a):
        pass


class Order:
    class Loud:
        def __init__(self, name):
            self.name = name

        def __get__(self, obj, typ):
            print("bind", self.name)
            return lambda *a: self.name

    __enter__ = Loud("enter")
    __exit__ = Loud("exit")


for cm in (NoExit(), NoEnter(), object(), 42):
    try:
        with cm:
            print("body")
    except TypeError as e:
        print("TypeError:", e)
with Order() as v:
    print("body", v)
import threading

lock = threading.Lock()
try:
    lock.__enter__ = None
except AttributeError as e:
    print("AttributeError:", e)
with lock:
    print("locked", lock.locked())
print("unlocked", not lock.locked())
