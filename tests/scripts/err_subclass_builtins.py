# The errors of deriving from builtins and of their __new__, checked
# against CPython's messages.

from testkit import attempt

class L(list):
    pass


class T(tuple):
    def __new__(cls, *items):
        return super().__new__(cls, items)


attempt("object.__new__(L)", lambda: object.__new__(L))
attempt("object.__new__(T)", lambda: object.__new__(T))
attempt("int.__new__(L)", lambda: int.__new__(L))
attempt("int.__new__(bool)", lambda: int.__new__(bool))
attempt("int.__new__(5)", lambda: int.__new__(5))
attempt("int.__new__()", lambda: int.__new__())
attempt("tuple.__new__(L)", lambda: tuple.__new__(L))
attempt("list.__new__(T)", lambda: list.__new__(T))


def layout_conflict():
    class Bad(int, str):
        pass


def layout_conflict2():
    class Bad(list, dict):
        pass


def slots_on_int():
    class S(int):
        __slots__ = ("a",)


def slots_on_tuple():
    class S(tuple):
        __slots__ = ("a", "b")


def bool_base():
    class B(bool):
        pass


def range_base():
    class R(range):
        pass


attempt("class Bad(int, str)", layout_conflict)
attempt("class Bad(list, dict)", layout_conflict2)
attempt("__slots__ on int", slots_on_int)
attempt("__slots__ on tuple", slots_on_tuple)
attempt("class B(bool)", bool_base)
attempt("class R(range)", range_base)


class I(int):
    pass


attempt("I('x')", lambda: I("x"))
attempt("I(1, 2, 3)", lambda: I(1, 2, 3))
attempt("T(1)[5]", lambda: T(1)[5])
attempt("L()[0]", lambda: L()[0])
attempt("L(1)", lambda: L(1))
attempt("L.__getitem__(5, 0)", lambda: list.__getitem__(5, 0))
attempt("[].__len__(1)", lambda: [].__len__(1))
attempt("(1).__add__()", lambda: (1).__add__())


class D(dict):
    pass


attempt("D()['k']", lambda: D()["k"])
attempt("D(1)", lambda: D(1))
attempt("hash(D())", lambda: hash(D()))
attempt("hash(L())", lambda: hash(L()))
attempt("I(5).x", lambda: I(5).x)
attempt("float subclass('abc')", lambda: type("F", (float,), {})("abc"))


class NoSetter:
    x = property(lambda self: 1)


def set_x():
    NoSetter().x = 2


def del_x():
    del NoSetter().x


attempt("set property", set_x)
attempt("del property", del_x)
