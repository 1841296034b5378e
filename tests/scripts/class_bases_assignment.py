# cls.__bases__ = (...): the class and every class below it get new MROs,
# attribute lookups, special-method slots and isinstance answers; layout
# changes and cycles are refused with CPython's messages.


def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, e)


class A:
    x = "A.x"

    def who(self):
        return "A"

    def __len__(self):
        return 1


class B:
    x = "B.x"
    y = "B.y"

    def who(self):
        return "B"

    def __add__(self, other):
        return ("B+", other)

    def __eq__(self, other):
        return "B.eq"


class C(A):
    def who(self):
        return "C>" + super().who()


class D(C):
    pass


c, d = C(), D()
print(c.who(), d.who(), len(d), C.x, D.x, [k.__name__ for k in D.__mro__])
C.__bases__ = (B,)
print(c.who(), d.who(), C.x, D.y, [k.__name__ for k in D.__mro__], C.__base__.__name__)
print(d + 1, d == 5, isinstance(d, B), isinstance(d, A), issubclass(D, B))
attempt("len", lambda: len(d))
attempt("hash", lambda: hash(d))
print([k.__name__ for k in A.__subclasses__()], [k.__name__ for k in B.__subclasses__()])

C.__bases__ = (A, B)
print(c.who(), len(d), d + 2, [k.__name__ for k in D.__mro__])
attempt("hash via B's None", lambda: hash(d))  # B defines __eq__ only: B.__hash__ is None
print(sorted(k for k in dir(d) if not k.startswith("__")))
C.__bases__ = (A,)
attempt("add after", lambda: d + 1)
print(d == d, d == 5)

# Errors, with CPython's wording.
for label, value in [("empty", ()), ("list", [A]), ("int item", (1,)), ("self", (C,)), ("subclass", (D,)),
                     ("None", None), ("bool", (bool,)), ("int", (int,))]:
    attempt(label, lambda: setattr(C, "__bases__", value))
attempt("del", lambda: delattr(C, "__bases__"))
attempt("builtin", lambda: setattr(int, "__bases__", (object,)))
attempt("mro", lambda: setattr(C, "__mro__", (C, object)))
attempt("del mro", lambda: delattr(C, "__mro__"))
attempt("base", lambda: setattr(C, "__base__", A))
attempt("via type", lambda: type.__setattr__(C, "__bases__", (B,)))
print([k.__name__ for k in C.__mro__])
C.__bases__ = (A,)


class S:
    __slots__ = ("a",)


class S2:
    __slots__ = ("b",)


class S3:
    __slots__ = ("a",)


class SS(S):
    pass


ss = SS()
ss.a = 10
ss.z = 11
attempt("slots differ", lambda: setattr(SS, "__bases__", (S2,)))
attempt("to object", lambda: setattr(SS, "__bases__", (object,)))
attempt("same slots", lambda: setattr(SS, "__bases__", (S3,)))
print(ss.a, ss.z, [k.__name__ for k in SS.__mro__], isinstance(ss, S))


class L(list):
    def total(self):
        return sum(self)


class L2(list):
    def total(self):
        return -sum(self)


class LL(L):
    pass


ll = LL([1, 2, 3])
attempt("list to dict", lambda: setattr(LL, "__bases__", (dict,)))
LL.__bases__ = (L2,)
print(ll.total(), len(ll), ll[1], [k.__name__ for k in LL.__mro__])


class E(ValueError):
    pass


E.__bases__ = (KeyError,)
try:
    raise E("k")
except KeyError as e:
    print("caught as KeyError", repr(e), [k.__name__ for k in E.__mro__])
attempt("exception to OSError", lambda: setattr(E, "__bases__", (OSError,)))


# A subclass whose MRO would become inconsistent undoes the whole change.
class X:
    pass


class Y(X):
    pass


class Z(X):
    pass


class W(Y, Z):
    pass


attempt("conflict", lambda: setattr(Z, "__bases__", (X, Y)))
print([k.__name__ for k in Z.__mro__], [k.__name__ for k in W.__mro__])


class Q:
    pass


class P(Q):
    pass


attempt("subclass conflict", lambda: setattr(Q, "__bases__", (Y,)))
print([k.__name__ for k in W.__mro__], [k.__name__ for k in P.__mro__])


class M(type):
    pass


class K(metaclass=M):
    pass


attempt("metaclass", lambda: setattr(K, "__bases__", (M,)))


class Meta2(type):
    def hello(cls):
        return "hi " + cls.__name__


class Base2(metaclass=Meta2):
    pass


class Kid(Base2):
    pass


class Other:
    tag = "other"


Kid.__bases__ = (Other,)
print(Kid.tag, Kid.hello(), type(Kid).__name__, [k.__name__ for k in Kid.__mro__])


# __init_subclass__ and __set_name__ do not run again.
class Hooked:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__)


class Plain:
    pass


class Child(Plain):
    pass


Child.__bases__ = (Hooked,)
print([k.__name__ for k in Child.__mro__])
