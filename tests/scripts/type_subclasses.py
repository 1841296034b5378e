# type.__subclasses__() (weak references to each class's direct
# subclasses) and methods of the metaclass reached through a class.
class A:
    pass


class B(A):
    pass


class C(A):
    pass


class D(B, C):
    pass


print(A.__subclasses__(), B.__subclasses__(), C.__subclasses__(), D.__subclasses__())
print(A in object.__subclasses__(), type(A.__subclasses__()).__name__)
print(int.mro(), A.mro(), D.mro())
print(type.__subclasses__(type) == [] or all(isinstance(t, type) for t in type.__subclasses__(type)))


class Meta(type):
    def hello(cls):
        return "hello " + cls.__name__


class M(metaclass=Meta):
    pass


class N(M):
    pass


print(M.hello(), N.hello(), type.__subclasses__(Meta), M.__subclasses__())
try:
    A.__subclasses__(1)
except TypeError as e:
    print(type(e).__name__)


def local_classes():
    class Base:
        pass

    made = [type("K%d" % i, (Base,), {}) for i in range(5)]
    return Base, [k.__name__ for k in Base.__subclasses__()], made


base, names, made = local_classes()
print(names, len(base.__subclasses__()))
