# Keyword arguments of builtin exceptions: the ones CPython accepts, and
# its errors for the rest.

from testkit import attempt

class Plain(Exception):
    pass


class WithInit(Exception):
    def __init__(self, msg, *, code=0):
        super().__init__(msg)
        self.code = code


attempt("ValueError(x=1)", lambda: ValueError(x=1))
attempt("OSError(2, 'x', y=1)", lambda: OSError(2, "x", y=1))
attempt("ImportError(bad=1)", lambda: ImportError(bad=1))
attempt("AttributeError(path=1)", lambda: AttributeError(path=1))
attempt("NameError(obj=1)", lambda: NameError(obj=1))
attempt("Plain(k=1)", lambda: Plain(k=1))
attempt("WithInit('m', code=3).code", lambda: WithInit("m", code=3).code)
attempt("ImportError(name='m').name", lambda: ImportError(name="m").name)
attempt("KeyError(1).errno", lambda: KeyError(1).errno)
attempt("ValueError().filename", lambda: ValueError().filename)
attempt("UnicodeDecodeError('x')", lambda: str(UnicodeDecodeError("x")))
attempt("del OSError(1, 'x').errno", lambda: delattr(OSError(1, "x"), "nope"))
