# int(x) and int(x, base) as CPython 3.11's PyNumber_Long and long_new_impl:
# the order of __int__, __index__ and the deprecated __trunc__; strict int
# subclasses from hooks copied with a DeprecationWarning; Unicode digits and
# spaces; the base checked before the argument; the digit limit.
import sys
import warnings


def show(f):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            r = f()
            out = f"{r!r} {type(r).__name__}"
        except Exception as e:
            out = f"{type(e).__name__}: {e}"
    print(out, [f"{w.category.__name__}: {w.message}" for w in caught])


class IndexTrue:
    def __index__(self):
        return True


class IntTrue:
    def __int__(self):
        return True


class IntSub(int):
    def __index__(self):
        return True


class Trunc:
    def __init__(self, value):
        self.value = value

    def __trunc__(self):
        return self.value


class Idx:
    def __index__(self):
        return 7


show(lambda: int(IndexTrue()))
show(lambda: int(IntTrue()))
show(lambda: int(IntSub(5)))
show(lambda: int(Trunc(3)))
show(lambda: int(Trunc(True)))
show(lambda: int(Trunc(IndexTrue())))
show(lambda: int(Trunc(2.5)))
show(lambda: int(Trunc(Idx())))
show(lambda: [0, 1, 2][IndexTrue()])
show(lambda: int("\N{EM SPACE}-3\N{EN SPACE}"))
show(lambda: int("\u0663\u0664"))
show(lambda: int("\u0663\u0664", 16))
show(lambda: int("12\xbd"))
show(lambda: int(base=10))
show(lambda: int("10", 2**64))
show(lambda: int("10", -2**64))
show(lambda: int("10", Idx()))
show(lambda: int(5, 10))
show(lambda: int(5, 99))
show(lambda: int(b"  42 "))
show(lambda: int(bytearray(b"101"), 2))
show(lambda: sys.set_int_max_str_digits(100))
show(lambda: sys.set_int_max_str_digits(maxdigits=640))
show(lambda: sys.get_int_max_str_digits())
show(lambda: len(str(int("9" * 640))))
show(lambda: int("9" * 641))
show(lambda: str(10 ** 641))
show(lambda: len(str(-10 ** 639)))
show(lambda: int("f" * 700, 16).bit_length())
sys.set_int_max_str_digits(0)
show(lambda: len(str(10 ** 5000)))
sys.set_int_max_str_digits(4300)
print(sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
