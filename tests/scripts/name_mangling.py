# Private name mangling: __name inside a class body becomes _Class__name for
# attributes, names, parameters, nested functions and classes; the function's
# own __name__ stays unmangled; keyword names in calls are not mangled.


class Account:
    __count = 0  # a class variable, stored as _Account__count

    def __init__(self, owner):
        self.__owner = owner
        Account.__count += 1

    def __secret(self):
        return "secret of " + self.__owner

    def reveal(self):
        return self.__secret()

    @classmethod
    def count(cls):
        return cls.__count

    def lambdas(self):
        f = lambda: self.__owner.upper()
        return f(), [self.__owner + str(i) for i in range(2)]

    def local(self):
        __tmp = 5  # a local, also mangled
        return __tmp + 1, sorted(k for k in locals() if "tmp" in k)


a = Account("ann")
Account("bob")
print(a.reveal(), Account.count(), a.lambdas(), a.local())
print(sorted(k for k in vars(a)), sorted(k for k in vars(Account) if "Account" in k))
print(Account._Account__secret.__name__, Account._Account__secret.__qualname__)
print(hasattr(a, "__owner"), a._Account__owner)
try:
    a.__owner
except AttributeError as e:
    print("AttributeError", e)


# Leading underscores of the class name are stripped; dunder names are left alone.
class _Hidden:
    def __init__(self):
        self.__x = 1
        self.__y__ = 2


print(sorted(vars(_Hidden())))


class ___:
    def __init__(self):
        self.__z = 3


print(sorted(vars(___())))


# Nested classes use their own name.
class Outer:
    class Inner:
        def __init__(self):
            self.__v = "inner"

    def __init__(self):
        self.__v = "outer"
        self.inner = Outer.Inner()


o = Outer()
print(sorted(vars(o)), sorted(vars(o.inner)))


# Parameters are mangled, so a keyword call with the written name fails, as in CPython.
class Params:
    def f(self, __p, *__rest, **__kw):
        return __p, __rest, __kw


print(Params().f(1, 2, 3, k=4), Params.f.__code__.co_varnames)
try:
    Params().f(__p=1)
except TypeError as e:
    print("TypeError", e)


# global and nonlocal declarations are mangled too.
_G__shared = "module level"


class G:
    def read(self):
        global __shared
        return __shared

    def counter(self):
        __n = 0

        def bump():
            nonlocal __n
            __n += 1
            return __n

        bump()
        return bump()


print(G().read(), G().counter())


# getattr with a string is not mangled: only identifiers in source are.
class S:
    def __init__(self):
        self.__data = [1]

    def via_getattr(self):
        return getattr(self, "_S__data"), hasattr(self, "__data")


print(S().via_getattr())

# except-as targets, imports and match captures inside a class.


class Misc:
    import math as __m

    def run(self, value):
        try:
            raise ValueError(value)
        except ValueError as __e:
            caught = str(__e)
        match value:
            case [__first, *__others]:
                shape = (__first, __others)
            case _:
                shape = None
        return caught, shape, self.__m.floor(2.5)


print(Misc().run([1, 2, 3]), "_Misc__m" in vars(Misc))
