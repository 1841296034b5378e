# Classes derived from several exception types at once, and from the
# exceptions whose attributes are special: all exceptions other than groups
# share one layout, so class F(ValueError, KeyError) is allowed as in CPython.

class F(ValueError, KeyError):
    pass


try:
    raise F("boom")
except KeyError as e:
    print("caught as KeyError", repr(e), str(e), [k.__name__ for k in type(e).__mro__])
try:
    raise F("again")
except ValueError as e:
    print("caught as ValueError", e.args, isinstance(e, LookupError), F.__base__.__name__)


class NotFound(LookupError, AttributeError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key


try:
    getattr_result = NotFound("k")
    raise getattr_result
except AttributeError as e:
    print(type(e).__name__, e.key, e.args, str(e))


class MyErr(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code

    def __str__(self):
        return "E%d: %s" % self.args


e = MyErr(4, "bad")
print(e, repr(e), e.args, e.code, e.__dict__)


class SI(StopIteration):
    pass


class KI(KeyError):
    pass


print(SI(5).value, str(KI("k")), repr(KI("k")))


class SE(SyntaxError):
    pass


s = SE("msg", ("f.py", 1, 2, "x y", 1, 3))
print(s.msg, s.filename, s.lineno, s.offset, s.text)


class EG(ExceptionGroup):
    pass


g = EG("grp", [ValueError(1)])
print(type(g).__name__, g.exceptions, type(g.derive([KeyError(2)])).__name__)


class Mixed(ValueError, ExceptionGroup):
    pass


m = Mixed("m", [KeyError(1)])
print(type(m).__name__, m.exceptions, isinstance(m, ValueError), m.message)


class BEx(BaseException):
    pass


try:
    raise BEx
except BaseException as x:
    print(type(x).__name__)


class SX(SystemExit):
    pass


print(SX(3).code)


class AE(AttributeError):
    pass


print(AE("a", name="n", obj=1).name)
