# Builtin types expose their attributes on the class as getset/member
# descriptors (CPython's tp_getset/tp_members), which types.py and inspect use.
import types

print(types.FunctionType.__name__, types.FunctionType.__module__, types.FunctionType.__qualname__)


def f(a=1, *, b=2):
    "doc"


print(types.FunctionType.__code__, types.FunctionType.__globals__)
print(repr(types.FunctionType.__closure__), repr(int.real))
print(types.FunctionType.__code__.__get__(f) is f.__code__, types.FunctionType.__defaults__.__get__(f))
print(types.FunctionType.__kwdefaults__.__get__(f), types.FunctionType.__name__.__get__(f)
      if hasattr(types.FunctionType.__name__, "__get__") else "str")
print(types.FunctionType.__dict__["__qualname__"].__get__(f), types.FunctionType.__dict__["__module__"].__get__(f))
print(int.real.__get__(5), True.real, (2.5).imag, complex.imag.__get__(3j), float.real.__get__(1.5))
print(int.real.__get__(None, int) is int.real)


class I(int):
    pass


print(I(7).real, I(7).denominator, type(I(7).numerator), int.numerator.__objclass__, int.numerator.__name__)
print(f.__name__, f.__doc__, f.__globals__ is globals())
types.FunctionType.__dict__["__qualname__"].__set__(f, "g.h")
print(f.__qualname__)
for bad in (lambda: int.real.__get__("x"), lambda: int.real.__set__(3, 4), lambda: setattr(3, "imag", 1),
            lambda: setattr(3j, "real", 1), lambda: setattr(1.0, "real", 2), lambda: setattr(3, "bit_length", 1),
            lambda: setattr(3, "nope", 1), lambda: types.FunctionType.__code__.__get__(len),
            lambda: int.real.__get__(None, None)):
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
print(types.GetSetDescriptorType, types.MemberDescriptorType, types.FunctionType, types.CodeType)
print(types.MappingProxyType, types.SimpleNamespace, types.CellType, types.MethodType)
print(isinstance(int.real, types.GetSetDescriptorType), isinstance(types.FunctionType.__globals__, types.MemberDescriptorType))
Ns = types.SimpleNamespace(a=1, b=2)
print(Ns, Ns.a + Ns.b)
C = types.new_class("C", (object,), {}, lambda ns: ns.update(x=5))
print(C.__name__, C.x, types.resolve_bases((int,)))
