# A module's class can be switched to a class derived from ModuleType and
# back (the idiom for module properties), its __dict__ is read-only,
# ModuleType.__new__ makes an unnamed module, an exception's __dict__ can
# be replaced, and __class__ assignment between classes checks __slots__
# by name and ancestry (CPython's compatible_for_assignment).
import sys
import types

answer_calls = 0


class WithProperty(types.ModuleType):
    @property
    def answer(self):
        global answer_calls
        answer_calls += 1
        return 42


here = sys.modules[__name__]
value = 5
here.__class__ = WithProperty
print(type(here).__name__, here.answer, here.value, answer_calls)
here.__class__ = types.ModuleType
print(type(here).__name__, hasattr(here, "answer"), here.value, "__class__" in here.__dict__)


class Slotted(types.ModuleType):
    __slots__ = ("q",)


for target in (Slotted, int, object):
    try:
        here.__class__ = target
    except TypeError as e:
        print("TypeError:", e)


class Base:
    pass


class Derived1(types.ModuleType, Base):
    pass


class Derived2(Base, types.ModuleType):
    pass


for kind in (types.ModuleType, Derived1, Derived2):
    m = kind("spam")
    for how in ("assign", "delete", "descriptor"):
        try:
            if how == "assign":
                m.__dict__ = {}
            elif how == "delete":
                del m.__dict__
            else:
                Base.__dict__["__dict__"].__set__(m, {})
            print(kind.__name__, how, "allowed")
        except (AttributeError, TypeError) as e:
            print(kind.__name__, how, type(e).__name__, e)
    m.__dict__["spam"] = "eggs"
    print(m.spam, m.__name__)

blank = types.ModuleType.__new__(types.ModuleType)
print(repr(blank), hasattr(blank, "__name__"), blank.__dict__)
blank.foo = 1
print(blank.__dict__)
try:
    types.ModuleType.__new__(int)
except TypeError as e:
    print("TypeError:", e)


class Exception1(Exception, Base):
    pass


for kind in (Exception, Exception1):
    e = kind()
    e.__dict__ = {"a": 1}
    print(kind.__name__, e.a)
    for bad in (None, 3):
        try:
            if bad is None:
                del e.__dict__
            else:
                e.__dict__ = bad
        except TypeError as exc:
            print("TypeError:", exc)


class G:
    __slots__ = ["a", "b"]


class H:
    __slots__ = ["b", "a"]


class J:
    __slots__ = ["c", "b"]


class L(H):
    __slots__ = ["e"]


class M(G):
    __slots__ = ["e"]


x = G()
x.a = 1
x.__class__ = H  # the same slots, sorted
print(type(x).__name__, x.a)
for cls, other in ((G, J), (L, M), (M, L)):
    y = cls()
    try:
        y.__class__ = other
        print(cls.__name__, "->", other.__name__, "allowed")
    except TypeError as e:
        print("TypeError:", e)
