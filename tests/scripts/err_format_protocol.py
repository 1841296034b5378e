# format()'s errors through __format__, with CPython's messages.

from testkit import attempt

class Plain:
    pass


class BadFormat:
    def __format__(self, spec):
        return 42


class Raises:
    def __format__(self, spec):
        raise ValueError("no format for " + spec)


attempt("format(Plain(), 'x')", lambda: format(Plain(), "x"))
attempt("f'{Plain():>3}'", lambda: f"{Plain():>3}")
attempt("'{:d}'.format(Plain())", lambda: "{:d}".format(Plain()))
attempt("format(object(), 'x')", lambda: format(object(), "x"))
attempt("format(BadFormat())", lambda: format(BadFormat()))
attempt("f'{BadFormat()}'", lambda: f"{BadFormat()}")
attempt("format(Raises(), 'q')", lambda: format(Raises(), "q"))
attempt("format(1, 5)", lambda: format(1, 5))
attempt("object.__format__(1, 5)", lambda: object.__format__(1, 5))
attempt("int.__format__(1, 'q')", lambda: int.__format__(1, "q"))
attempt("int.__format__('s', '')", lambda: int.__format__("s", ""))
attempt("format([1], 'x')", lambda: format([1], "x"))
attempt("format(3, 's')", lambda: format(3, "s"))
attempt("format('s', 'd')", lambda: format("s", "d"))


class DerivedInt(int):
    pass


attempt("format(DerivedInt(3), 's')", lambda: format(DerivedInt(3), "s"))
attempt("(1).__format__()", lambda: (1).__format__())
