# Implicit chaining (PEP 3134) as CPython's _PyErr_SetObject: a new raise
# replaces __context__, cuts a link that would make a cycle, and stops at a
# cycle that was already there (it hung); generator.throw() the same.
try:
    try: raise KeyError
    except KeyError as k:
        e = ValueError(); e.__context__ = TypeError()
        raise e
except ValueError as v: print(repr(v.__context__))
def cycle():
    try:
        raise ValueError(1)
    except ValueError as ex:
        ex.__context__ = ex
        raise TypeError(2)
try:
    cycle()
except Exception as e:
    exc = e
print(type(exc), type(exc.__context__), exc.__context__.__context__ is exc.__context__)
# re-raising an exception from its own context chain cuts the link
a = ValueError("a")
try:
    try:
        raise a
    except ValueError:
        b = KeyError("b")
        try:
            raise b
        except KeyError:
            raise a
except ValueError as e:
    print(repr(e.__context__), repr(b.__context__))
# a longer pre-existing cycle
x, y, z = ValueError("x"), ValueError("y"), ValueError("z")
x.__context__ = y; y.__context__ = z; z.__context__ = y
try:
    try:
        raise x
    except ValueError:
        raise KeyError("k")
except KeyError as e:
    print(repr(e.__context__), repr(e.__context__.__context__))
def g():
    try:
        raise KeyError("in gen")
    except KeyError:
        yield 1
it = g(); next(it)
e = ValueError("thrown"); e.__context__ = TypeError("old")
try: it.throw(e)
except ValueError as v: print(repr(v.__context__))
