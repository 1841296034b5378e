# The __dict__ and __weakref__ descriptors a class adds to its dict when it
# gives its instances a dict or weak references (CPython's
# type_new_descriptors): which classes list them, what they return, and
# assigning __dict__.
import collections
import typing
import weakref


class C:
    pass


class D(C):
    pass


class S:
    __slots__ = ("a", "__weakref__")


class T(S):
    pass


class E(Exception):
    pass


class M(type):
    pass


for cls in (C, D, S, T, E, M):
    print(cls.__name__, sorted(k for k in cls.__dict__ if k.startswith("__") and k in ("__dict__", "__weakref__")))

for base in (int, str, bytes, tuple, float, list, dict, set, frozenset, bytearray, collections.deque,
             collections.defaultdict, object):
    class X(base):
        pass
    print(base.__name__, "__dict__" in X.__dict__, "__weakref__" in X.__dict__)

print(C.__weakref__, C.__dict__["__dict__"])
print(type(C.__dict__).__name__, type(C.__dict__["__weakref__"]).__name__)
c = C()
print(c.__weakref__)
r = weakref.ref(c)
print(c.__weakref__ is r, C.__weakref__.__get__(c) is r)
c.x = 1
print(C.__dict__["__dict__"].__get__(c))
new = {"y": 2}
c.__dict__ = new
print(c.__dict__ is new, c.y, hasattr(c, "x"))
C.__dict__["__dict__"].__set__(c, {"z": 3})
print(c.z, vars(c))
for bad in (lambda: setattr(c, "__dict__", 5), lambda: delattr(c, "__dict__"),
            lambda: setattr(c, "__weakref__", None), lambda: C.__dict__["__dict__"].__get__(5)):
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
print(S().__weakref__)


# typing.no_type_check walks every attribute of a class.
@typing.no_type_check
class Checked:
    def method(self, x: int) -> int:
        return x


print(Checked.method.__no_type_check__, Checked().method(4))
