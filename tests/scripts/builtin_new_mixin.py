# str.__new__(cls) and int.__new__(cls) where cls lists a plain mixin before
# the builtin base: the safety check follows the layout base (CPython's
# best_base, __base__), not the first base. email.headerregistry makes such
# classes with type().
class Mixin:
    pass
class Base(str):
    def __new__(cls, v):
        self = str.__new__(cls, v.upper())
        return self
class Both(Mixin, Base):
    pass
print(Both("abc"), type(Both("x")).__base__)
D = type("_D", (Mixin, Base), {})
print(D("q"), D.__base__)
class IntMix(Mixin, int):
    def __new__(cls, v):
        return int.__new__(cls, v * 2)
print(IntMix(4))
try:
    class Bad(Mixin, Base):
        def __new__(cls, v):
            return object.__new__(cls)
    Bad("x")
except TypeError as e:
    print(e)
