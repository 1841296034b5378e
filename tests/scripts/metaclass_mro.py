# A metaclass's mro() decides a class's __mro__ (CPython's mro_invoke and
# mro_check), when the class is made and when its __bases__ change.


class A:
    def f(self):
        return "A"


class B(A):
    pass


class C(A):
    def f(self):
        return "C"


class D(B, C):
    pass


print(D.mro(), D.__mro__)


class Reversed(type):
    def mro(cls):
        order = type.mro(cls)
        order.reverse()
        return order


class X(D, B, C, A, metaclass=Reversed):
    pass


print([k.__name__ for k in X.__mro__], X().f())
# type.mro() is the C3 order of the bases, whatever __mro__ holds.
print([k.__name__ for k in type.mro(X)])


def bad(result):
    class Meta(type):
        def mro(cls):
            return result(cls)

    try:
        class Y(metaclass=Meta):
            pass
    except TypeError as e:
        print("TypeError:", e)
    else:
        print("made", [k.__name__ for k in Y.__mro__])


bad(lambda cls: [cls, dict, object])  # instances would not be dicts
bad(lambda cls: [1])
bad(lambda cls: 1)
bad(lambda cls: (cls, A, object))  # a base that is not a base: allowed


# While mro() runs, the class has no MRO yet.
seen = []


class Watch(type):
    def mro(cls):
        if cls.__name__ == "Sub":
            return type.mro(cls)
        seen.append(cls.__mro__)
        try:
            class Sub(cls):
                pass
        except TypeError as e:
            seen.append(str(e))
        try:
            super(cls, cls).anything
        except AttributeError:
            seen.append("no attribute through super")
        return type.mro(cls)


class W(metaclass=Watch):
    z = 1


print(seen, W.z)


# An mro() that leaves the class out and deletes itself.
class Gone(type):
    def mro(cls):
        del Gone.mro
        return (A,)


try:
    class G(metaclass=Gone):
        pass
except TypeError as e:
    print("TypeError:", e)


# __bases__ assignment calls mro() for the class and each subclass; a
# failure puts every MRO back.
class Once(type):
    calls = 0

    def mro(cls):
        Once.calls += 1
        if Once.calls > 1:
            raise RuntimeError("bozo")
        return type.mro(cls)


class P:
    pass


class Q:
    pass


class R(P):
    pass


class S(R, metaclass=Once):
    pass


class T(R):
    pass


before = (R.__mro__, S.__mro__, T.__mro__)
try:
    R.__bases__ = (Q,)
except RuntimeError as e:
    print("RuntimeError:", e)
print(before == (R.__mro__, S.__mro__, T.__mro__), R.__bases__)


# A nested assignment made by mro() stands; the outer one then does nothing.
class Nest(type):
    ready = False

    def mro(cls):
        if Nest.ready and cls.__name__ == "N3":
            Nest.ready = False
            N3.__bases__ = (N2,)
        return type.mro(cls)


class N0(metaclass=Nest):
    pass


class N1(N0):
    pass


class N2(N0):
    pass


class N3(N0):
    pass


Nest.ready = True
N3.__bases__ = (N1,)
print(N3.__bases__, [k.__name__ for k in N3.__mro__], N2.__subclasses__(), N1.__subclasses__())


# A cycle through __base__ that a nested assignment made before the MROs.
class Cyc(type):
    ready = False

    def mro(cls):
        if Cyc.ready:
            if cls.__name__ == "C1":
                C2.__bases__ = (C1,)
            if cls.__name__ == "C2":
                C1.__bases__ = (C2,)
        return type.mro(cls)


class C0(metaclass=Cyc):
    pass


class C1(C0):
    pass


class C2(C0):
    pass


Cyc.ready = True
try:
    C1.__bases__ += ()
except TypeError as e:
    print("TypeError:", e)
Cyc.ready = False
print([k.__name__ for k in C1.__mro__], [k.__name__ for k in C2.__mro__])
