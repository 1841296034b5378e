"""The module's docstring."""
# Docstrings: a leading string literal of a module, class or function body
# is its __doc__; anything later, or not a plain string, is not.


def documented():
    """Function doc."""
    return 1


def not_first():
    x = 1
    "not a docstring"
    return x


def fstring_is_not_doc():
    f"""{1}"""


class Documented:
    """Class doc."""

    def method(self):
        "Method doc, single quotes."

    async def coro(self):
        """Coroutine doc."""

    @staticmethod
    def static():
        """Static doc."""

    @property
    def prop(self):
        """Property doc."""
        return 1


class Undocumented:
    pass


def gen():
    """Generator doc."""
    yield 1


print(repr(__doc__))
print(repr(documented.__doc__), repr(not_first.__doc__), repr(fstring_is_not_doc.__doc__))
print(repr(Documented.__doc__), repr(Documented.method.__doc__), repr(Documented.coro.__doc__))
print(repr(Documented.static.__doc__), repr(Undocumented.__doc__), repr(gen.__doc__))
print(repr((lambda: 1).__doc__), documented(), not_first(), repr(Documented.prop.__doc__))
print(repr(property(lambda self: 1, doc="given").__doc__))

# __doc__ is writable and deletable (then None), as functools.wraps relies on.
documented.__doc__ = "replaced"
print(documented.__doc__)
del documented.__doc__
print(documented.__doc__)


def wraps_like(fn):
    def wrapper(*a):
        return fn(*a)

    wrapper.__doc__ = fn.__doc__
    wrapper.__name__ = fn.__name__
    return wrapper


@wraps_like
def wrapped():
    """Kept through the decorator."""


print(wrapped.__name__, repr(wrapped.__doc__))
