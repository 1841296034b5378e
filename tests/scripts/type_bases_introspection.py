# __bases__, __base__ and __mro__ of builtin types (the standard library's
# inspect, typing and abc read them), and of classes over them.
for t in (object, int, bool, str, list, dict, tuple, float, type, Exception, KeyError,
          BaseExceptionGroup, ExceptionGroup, ModuleNotFoundError):
    print(t.__name__, t.__bases__, t.__base__, len(t.__mro__))


class A:
    pass


class B(A, Exception):
    pass


print(B.__bases__, B.__base__, [k.__name__ for k in B.__mro__])
print(type.__bases__, type(int).__bases__, int.__bases__[0] is object)
