# CPython 3.11's edges found by test_float, test_class and test_collections:
# float() of any script's digits and spaces, of __index__ objects, of str
# subclasses with __float__, and __float__ returning a float subclass
# (DeprecationWarning); hash() of bound methods (self's identity and the
# function) and of a float subclass mixed with a class defining __hash__
# (float's comes first); dict.__reversed__ and list.__reversed__, so
# collections.abc.Reversible accepts dicts, Counters and list subclasses.
import collections
import collections.abc as abc
import warnings

print(float("  \u0663.\u0661\u0664  "), float("\N{EM SPACE}3.14\N{EN SPACE}"), float("\u0661\u0660e\u0662"))
for bad in ("\u3053\u3093", "\u0663.\u0661x", "1\u00a0 2"):
    try:
        float(bad)
    except ValueError as e:
        print("ValueError", e)


class MyIndex:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


print(float(MyIndex(42)))
try:
    float(MyIndex(2**2000))
except OverflowError as e:
    print("OverflowError", e)


class MyInt:
    def __int__(self):
        return 42


try:
    float(MyInt())
except TypeError as e:
    print("TypeError", e)


class FooStr(str):
    def __float__(self):
        return float(str(self)) + 1


class Sub(float):
    pass


class F:
    def __float__(self):
        return Sub(42.0)


class Bad:
    def __float__(self):
        return 42


print(float(FooStr("8")))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    r = float(F())
    print(r, type(r).__name__, [str(x.message) for x in w], [x.category.__name__ for x in w])
try:
    float(Bad())
except TypeError as e:
    print("TypeError", e)


class A:
    def __init__(self, x):
        self.x = x

    def f(self):
        pass

    def __eq__(self, other):
        return True

    def __hash__(self):
        raise TypeError


class B(A):
    pass


a1, a2 = A(1), A(1)
print(hash(a1.f) == hash(a1.f), a1.f == a1.f, a1.f == a2.f, hash(B.f) == hash(A.f))


class H:
    def __hash__(self):
        return 42


class FH(float, H):
    pass


nan = FH("nan")
print(hash(nan) == object.__hash__(nan), hash(FH(1.5)) == hash(1.5), "__hash__" in float.__dict__)

c = collections.Counter("abcab")
print(list(reversed({1: 2, 3: 4})), list(reversed(c)), list({}.__reversed__()), list([1, 2, 3].__reversed__()))


class L(list):
    pass


print(type(reversed(L([1, 2]))).__name__, list(reversed(L([1, 2]))))
for o in ({}, c, collections.OrderedDict(), [], L(), (), "ab", range(3), {}.keys(), set()):
    print(type(o).__name__, isinstance(o, abc.Reversible))

# A bound method's repr names its function by __qualname__, else __name__,
# else "?" (CPython's method_repr).
import types


class MyCallable:
    def __call__(self, arg):
        pass


func = MyCallable()
m = types.MethodType(func, 5)
print(repr(m))
func.__name__ = "name"
print(repr(m))
func.__qualname__ = "qual"
print(repr(m))
func.__qualname__ = 3
print(repr(m))
