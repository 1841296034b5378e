# A generator's handled exception is its own (CPython's gi_exc_state): one
# that yields inside an except block does not leak that exception to its
# caller (sys.exc_info(), implicit __context__, bare raise), gets it back
# when resumed, and sees its caller's while it handles none itself.
import sys


def yields_in_except():
    try:
        raise ValueError("in gen")
    except ValueError:
        yield 1
        print("resumed, handling", repr(sys.exc_info()[1]))
        yield 2
    print("after except", sys.exc_info())


g = yields_in_except()
next(g)
print("caller sees", sys.exc_info())
try:
    raise KeyError("k")
except KeyError as e:
    print("context", repr(e.__context__))
    next(g)
    print("caller still handles", repr(sys.exc_info()[1]))
next(g, None)


def sees_caller():
    while True:
        print("gen sees", repr(sys.exc_info()[1]))
        try:
            raise OSError("inner")
        except OSError as err:
            print("inner context", repr(err.__context__))
        yield


s = sees_caller()
next(s)
try:
    raise TypeError("outer")
except TypeError:
    next(s)


def reraiser():
    try:
        yield
    except Exception:
        yield "handled"
        raise


r = reraiser()
next(r)
r.throw(RuntimeError("boom"))
try:
    raise KeyError("caller's")
except KeyError:
    try:
        next(r)
    except RuntimeError as err:
        print("re-raised", repr(err), repr(err.__context__))


def bare_raise_in_gen():
    raise
    yield


try:
    raise ZeroDivisionError("caller")
except ZeroDivisionError:
    try:
        next(bare_raise_in_gen())
    except ZeroDivisionError as err:
        print("bare raise re-raised the caller's", repr(err))

# throw() into a generator suspended inside an except block: the thrown
# exception's __context__ is the one the generator handles there.
def f():
    try:
        raise KeyError('a')
    except Exception:
        yield
gen = f()
gen.send(None)
try:
    gen.throw(ValueError)
except ValueError as e:
    print(type(e.__context__).__name__, e.__context__.args)

def g():
    try:
        raise KeyError('a')
    except Exception:
        try:
            yield
        except Exception as exc:
            print("inside", type(exc).__name__, type(exc.__context__).__name__)
            raise
gen = g()
gen.send(None)
try:
    gen.throw(ValueError)
except ValueError as e:
    print(type(e.__context__).__name__)

def h():
    yield 1
gen = h(); next(gen)
try:
    raise TypeError("outer")
except TypeError:
    try:
        gen.throw(ValueError("v"))
    except ValueError as e:
        print("thrower's context not chained:", e.__context__)

# throw() with an exception class whose constructor returns something else:
# the TypeError is thrown into the generator instead (PyErr_NormalizeException).
class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls
def boring():
    yield
gen = boring()
try:
    gen.throw(E)
except TypeError as e:
    print("TypeError", e)
try:
    next(gen)
    print("no StopIteration")
except StopIteration:
    print("StopIteration")
def generator():
    try:
        yield
    except TypeError as e:
        print("inside", e)
gen = generator(); next(gen)
try:
    gen.throw(E)
except StopIteration:
    print("stop")
try:
    raise E
except TypeError as e:
    print("raise:", e)
