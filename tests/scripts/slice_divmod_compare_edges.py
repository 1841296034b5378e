# CPython 3.11's edges from test_class: slices compare as (start, stop,
# step) tuples; divmod() reaches the right operand's __rdivmod__ (also a
# subclass's override first); a comparison dunder that is a property
# raising AttributeError counts as no method (identity decides ==).
print(slice(None, 42) == slice(None, 42), slice(1, 2, 3) < slice(1, 2, 4), slice(1, 2) != slice(1, 3),
      slice(1) == 1, slice(1, 2, 3) >= slice(1, 2, 3))
try:
    slice(1, "a") < slice(1, 2)
except TypeError as e:
    print("TypeError", e)
s = slice(1)
print(s == s, s <= s, s < s, [slice(1, 2)].index(slice(1, 2)), slice(0, 1) in [slice(0, 1)])


class A:
    def __rdivmod__(self, o):
        return "r", type(o).__name__

    def __divmod__(self, o):
        return "d", type(o).__name__


class B(A):
    def __rdivmod__(self, o):
        return "rb", type(o).__name__


print(divmod(A(), 1), divmod(1, A()), divmod(A(), A()), divmod(A(), B()), divmod(7, 2), divmod(7.5, 2))


class N:
    def __divmod__(self, o):
        return NotImplemented


class R:
    def __rdivmod__(self, o):
        return "R"


try:
    divmod(N(), N())
except TypeError as e:
    print("TypeError", e)
print(divmod(N(), R()), divmod(2.0, R()))


def booh(self):
    raise AttributeError("booh")


class E:
    __eq__ = property(booh)
    __lt__ = property(booh)


e = E()
print(e == e, E() == E(), e != E())
try:
    E() < E()
except TypeError as err:
    print("TypeError", err)


class V:
    @property
    def __eq__(self):
        raise ValueError("not attribute")


try:
    V() == V()
except ValueError as err:
    print("ValueError", err)
