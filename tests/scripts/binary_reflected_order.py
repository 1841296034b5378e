# The order in which a binary operator tries a.__op__ and b.__rop__ on
# user classes (CPython's SLOT1BINFULL, src/objects/slots.cc slot_binary):
# the left operand first, a subclass that overrides the reflected method
# first, NotImplemented passing the turn, methods that are not Python
# functions, and methods replaced by the call that ran before them.
log = []


class A:
    def __init__(self, name):
        self.name = name

    def __add__(self, other):
        log.append(f"{self.name}.__add__")
        return NotImplemented if getattr(other, "refuse", False) else f"A+ {self.name}"

    def __radd__(self, other):
        log.append(f"{self.name}.__radd__")
        return f"A radd {self.name}"


class B(A):  # overrides __radd__: goes first when on the right
    def __radd__(self, other):
        log.append(f"{self.name}.B.__radd__")
        return f"B radd {self.name}"


class C(A):  # does not override: the left operand goes first
    pass


class Other:
    refuse = True

    def __radd__(self, other):
        log.append("Other.__radd__")
        return "Other radd"


def show(label, f):
    log.clear()
    try:
        r = f()
    except TypeError as e:
        r = f"TypeError: {e}"
    print(label, r, log)


a, b, c = A("a"), B("b"), C("c")
for _ in range(3):  # warm the lookups
    show("a+a", lambda: a + a)
    show("a+b", lambda: a + b)
    show("a+c", lambda: a + c)
    show("b+a", lambda: b + a)
    show("a+Other", lambda: a + Other())
    show("1+a", lambda: 1 + a)


class Refuses:
    def __add__(self, other):
        return NotImplemented


show("same type refuses", lambda: Refuses() + Refuses())
show("refuses + int", lambda: Refuses() + 1)


# A method that is not a Python function: a callable object and a
# staticmethod-wrapped builtin.
class Adder:
    def __call__(self, me, other):
        return f"Adder({other})"


class D:
    __add__ = Adder()  # not a descriptor: called unbound
    __sub__ = staticmethod(lambda x, y: "static sub")


show("callable object", lambda: D() + 1)
show("staticmethod", lambda: D() - 1)


# Inherited from a base class two levels up, and a base's method replaced
# after its subclasses exist.
class E1:
    def __mul__(self, other):
        return "E1 mul"


class E2(E1):
    pass


class E3(E2):
    pass


show("inherited", lambda: E3() * 2)
E1.__mul__ = lambda self, other: "E1 mul replaced"
show("replaced on base", lambda: E3() * 2)


# The reflected method of a subclass replaces the left class's method
# before the left method is looked up.
class F:
    def __add__(self, other):
        return "F original"


class G(F):
    def __radd__(self, other):
        F.__add__ = lambda s, o: "F replaced during radd"
        return NotImplemented


show("replaced during radd", lambda: F() + G())


class MyInt(int):
    def __radd__(self, other):
        return "MyInt radd"


show("int subclass left", lambda: MyInt(3) + 4)
show("int subclass right", lambda: 4 + MyInt(3))
