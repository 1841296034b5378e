# Closures: __closure__ holds cell objects whose cell_contents is the
# variable's current value; cells are shared between the functions that
# close over the same variable.


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


def make_counter():
    count = 0
    step = 1

    def bump():
        nonlocal count
        count += step
        return count

    def peek():
        return count

    return bump, peek


bump, peek = make_counter()
print(bump.__code__.co_freevars, len(bump.__closure__), type(bump.__closure__[0]).__name__)
print([c.cell_contents for c in bump.__closure__])
bump()
bump()
print(peek(), [c.cell_contents for c in bump.__closure__])
print(bump.__closure__[0] is peek.__closure__[0])


def plain():
    return 1


print(plain.__closure__, plain.__code__.co_freevars)

# Writing cell_contents changes what the closure sees.
bump.__closure__[0].cell_contents = 100
print(peek(), bump())


# An empty cell: a variable assigned after the inner function was made.
def later():
    def read():
        return value

    cell = read.__closure__[0]
    attempt("empty cell", lambda: cell.cell_contents)
    value = "now set"
    print(cell.cell_contents, read())
    del value
    attempt("deleted", lambda: cell.cell_contents)
    attempt("read unbound", read)


later()


# Class bodies and methods: __class__ is a cell for super().
class Base:
    def who(self):
        return "base"


class Child(Base):
    def who(self):
        return "child of " + super().who()


print(Child().who(), Child.who.__code__.co_freevars, Child.who.__closure__[0].cell_contents is Child)
print(type(Child.who.__builtins__).__name__, Child.who.__builtins__["len"]("abc"))
