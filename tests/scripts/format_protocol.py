# format(), f-strings and str.format call type(value).__format__: a class's
# own, or the builtin's inherited by classes derived from int, float and
# str; object.__format__ accepts only an empty spec. Also the !a
# conversion, and object's default dunders (__lt__ and friends returning
# NotImplemented, __subclasshook__, __sizeof__, __dir__).

class Temp:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        if spec.endswith("F"):
            return format(self.c * 9 / 5 + 32, spec[:-1] or ".1f") + "F"
        return format(self.c, spec or ".1f") + "C"
    def __str__(self):
        return "Temp(%s)" % self.c


t = Temp(21.5)
print(format(t), format(t, ".0F"), f"{t}", f"{t:.2f}", f"{t!s}", "{0} {0:F} {0!r:>5.3}".format(t), "%s" % t)


class Plain:
    def __str__(self):
        return "plain"


print(format(Plain()), f"{Plain()}", "{}".format(Plain()), f"{Plain()!r:.9}")


class Dollars(int):
    pass


class Ratio(float):
    pass


class Label(str):
    pass


print(f"{Dollars(1234567):,}", f"{Ratio(0.25):.1%}", f"{Label('ab'):*^6}", format(Dollars(255), "#x"), format(Ratio(2.0)))


class Shouty(str):
    def __format__(self, spec):
        return str.__format__(self, spec).upper()


print(f"{Shouty('hey'):>5}|", format(Shouty("x")), int.__format__(42, "05d"), float.__format__(2.5, "e"), str.__format__("s", "^3"))
print(object.__format__(Plain(), ""), (3).__format__(""), (3.5).__format__(""), "é".__format__(""))
print(f"{'é'!a}", "{0!a}".format("é"), f"{'x'!a:>5}", f"{[1, 'é']!a}")

# object's comparison defaults.
print(object.__lt__(1, 2), object.__ge__(object(), 5), Plain().__lt__(Plain()), Plain() == Plain())
print(object.__subclasshook__(), Plain.__subclasshook__(int), int.__subclasshook__ is object.__subclasshook__)
print(type(object().__sizeof__()).__name__, object().__sizeof__() > 0)
print(sorted(object().__dir__()) == sorted(dir(object())), "__class__" in dir(Plain()), "__dict__" in dir(Plain()))
print([n for n in dir(Plain()) if not n.startswith("__")], "__weakref__" in dir(Plain), "__format__" in dir(5))


class Custom:
    def __dir__(self):
        return ["b", "a"]


print(dir(Custom()))
