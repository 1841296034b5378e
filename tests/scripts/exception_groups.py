# BaseExceptionGroup / ExceptionGroup (PEP 654): construction rules, the
# attributes, split(), subgroup() and derive(), with CPython's errors.


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


eg = ExceptionGroup("many", [ValueError(1), TypeError(2), ExceptionGroup("inner", [KeyError(3), ValueError(4)])])
print(repr(eg))
print(str(eg), "|", eg.message, "|", eg.exceptions, "|", eg.args)
print(str(ExceptionGroup("one", [OSError()])))
print(ExceptionGroup.__mro__, BaseExceptionGroup.__mro__)
print(isinstance(eg, Exception), isinstance(eg, BaseExceptionGroup), issubclass(ExceptionGroup, BaseExceptionGroup))

# BaseExceptionGroup picks ExceptionGroup when every member is an Exception.
print(type(BaseExceptionGroup("x", [ValueError()])).__name__)
print(type(BaseExceptionGroup("x", [KeyboardInterrupt(), ValueError()])).__name__)
print(type(BaseExceptionGroup("x", (SystemExit(),))).__name__)

# Construction errors.
attempt("one arg", lambda: ExceptionGroup("x"))
attempt("three args", lambda: ExceptionGroup("x", [ValueError()], 3))
attempt("empty", lambda: ExceptionGroup("x", []))
attempt("message not str", lambda: ExceptionGroup(1, [ValueError()]))
attempt("set", lambda: ExceptionGroup("x", {ValueError()}))
attempt("dict", lambda: ExceptionGroup("x", {1: ValueError()}))
attempt("not exceptions", lambda: ExceptionGroup("x", [ValueError(), 1]))
attempt("classes", lambda: ExceptionGroup("x", [ValueError]))
attempt("base in ExceptionGroup", lambda: ExceptionGroup("x", [KeyboardInterrupt()]))
attempt("keywords", lambda: ExceptionGroup("x", [ValueError()], extra=1))

# split and subgroup: a matching node is kept whole; nesting is kept.
match, rest = eg.split(ValueError)
print(repr(match), repr(rest))
print(repr(eg.split((KeyError, TypeError))))
print(eg.split(OSError)[0], eg.split(Exception)[0] is eg, eg.split(Exception)[1])
print(repr(eg.subgroup(lambda e: isinstance(e, KeyError))))
print(repr(eg.subgroup(lambda e: isinstance(e, ExceptionGroup) and e.message == "inner")))
print(eg.subgroup(lambda e: False), eg.subgroup(BaseException) is eg)
attempt("bad condition", lambda: eg.split(3))
attempt("bad tuple", lambda: eg.subgroup((ValueError, 3)))
attempt("predicate raises", lambda: eg.split(lambda e: 1 / 0))

# Parts keep the original's traceback, cause, context and notes.
try:
    try:
        raise OSError("cause")
    except OSError as c:
        raise ExceptionGroup("with meta", [ValueError("a"), TypeError("b")]) from c
except ExceptionGroup as caught:
    caught.add_note("the note")
    v, t = caught.split(ValueError)
    print(repr(v.__cause__), v.__notes__, v.__notes__ is not caught.__notes__, v.__traceback__ is not None)
    print(t.__traceback__.tb_lineno == caught.__traceback__.tb_lineno, v.__suppress_context__)


# derive() decides the type of the parts; a subclass can keep its own.
class Tagged(ExceptionGroup):
    def __new__(cls, message, excs, tag="none"):
        self = super().__new__(cls, message, excs)
        self.tag = tag
        return self

    def __init__(self, message, excs, tag="none"):
        super().__init__(message, excs)

    def derive(self, excs):
        return Tagged(self.message, excs, self.tag + "+")


tagged = Tagged("t", [ValueError(1), KeyError(2)], tag="root")
m, r = tagged.split(ValueError)
print(type(m).__name__, m.tag, repr(m.exceptions), type(r).__name__, r.tag, tagged.args)


class Plain(ExceptionGroup):
    pass


m, r = Plain("p", [ValueError(1), KeyError(2)]).split(ValueError)
print(type(m).__name__, type(r).__name__, type(Plain("p", [ValueError()]).derive([TypeError()])).__name__)


class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return 42


attempt("bad derive", lambda: BadDerive("b", [ValueError(), KeyError()]).split(ValueError))
print("done")
