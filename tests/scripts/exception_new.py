# Each builtin exception has its own __new__ (CPython's BaseException_new,
# OSError_new, BaseExceptionGroup_new): the arguments kept unchecked, and
# CPython's "is not safe" check between the three kinds.
print("__new__" in BaseException.__dict__, "__new__" in ValueError.__dict__,
      "__new__" in ExceptionGroup.__dict__)
e = ValueError.__new__(ValueError, 1, 2)
print(repr(e), e.args)
for klass in UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError:
    print(klass.__name__, repr(str(klass.__new__(klass))))


class E(Exception):
    pass


print(repr(Exception.__new__(E, 3)), repr(BaseException.__new__(E)))
print(repr(ExceptionGroup.__new__(ExceptionGroup, "m", [ValueError(1)])))
o = OSError.__new__(OSError, 2, "No such file", "f")
print(type(o).__name__, o.errno, o.filename)
for base, cls in [(BaseException, OSError), (Exception, ExceptionGroup), (OSError, ValueError),
                  (ValueError, int), (ValueError, 5)]:
    try:
        base.__new__(cls)
    except TypeError as exc:
        print("TypeError:", exc)
try:
    ValueError.__new__()
except TypeError as exc:
    print("TypeError:", exc)
