# except* (PEP 654): each clause handles its part of a group; what no clause
# handles, and what the clauses raise, is raised again as a group.
import sys


def f():
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), KeyError(3)])


try:
    f()
except* ValueError as e:
    print("V", repr(e))
except* (TypeError, KeyError) as e:
    print("TK", repr(e))

# The unhandled rest propagates, with the original's message.
try:
    try:
        f()
    except* ValueError as e:
        print("only V", repr(e))
except ExceptionGroup as rest:
    print("rest", repr(rest))

# A naked exception is wrapped in a group for the clause; handled, it is gone.
try:
    raise ValueError("naked")
except* ValueError as e:
    print("naked", repr(e), repr(e.exceptions[0]), e.exceptions[0].__traceback__ is not None)

# Unmatched naked exceptions propagate unwrapped.
try:
    try:
        raise OSError("unmatched")
    except* ValueError:
        print("not reached")
except OSError as e:
    print("unwrapped", repr(e))

# A clause that raises: the new exception joins the unhandled rest.
try:
    try:
        f()
    except* ValueError:
        raise RuntimeError("new")
except ExceptionGroup as g:
    print("combined", repr(g), repr(g.exceptions[0].__context__))

# A bare raise re-raises the clause's part in the original's structure.
try:
    try:
        f()
    except* ValueError:
        raise
    except* KeyError:
        pass
except ExceptionGroup as g:
    print("reraised", repr(g))

# Nested groups keep their nesting in every part.
nested = ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [ValueError("b"), OSError("c")])])
try:
    try:
        raise nested
    except* ValueError as e:
        print("nested match", repr(e))
except ExceptionGroup as g:
    print("nested rest", repr(g))

# sys.exc_info() inside a clause is the clause's part.
try:
    f()
except* TypeError:
    print("exc_info", repr(sys.exc_info()[1]))
except* Exception:
    print("exc_info", repr(sys.exc_info()[1]))
print("after", sys.exc_info())

# Each clause runs at most once, in order; the first that matches a member takes it.
try:
    raise ExceptionGroup("order", [ValueError(1), ValueError(2), IndexError(3)])
except* LookupError as e:
    print("lookup", repr(e))
except* ValueError as e:
    print("value", repr(e))
except* IndexError as e:
    print("index (never: taken above)", repr(e))

# else and finally.
for boom in (False, True):
    try:
        if boom:
            raise ExceptionGroup("b", [KeyError("k")])
    except* KeyError:
        print("handled")
    else:
        print("else")
    finally:
        print("finally")

# The handler's name is unbound afterwards, as with except.
try:
    raise ExceptionGroup("n", [ValueError()])
except* ValueError as bound:
    pass
print("bound" in dir())

# Invalid clause types are TypeErrors when the clause is reached.
for bad in (ExceptionGroup, BaseExceptionGroup, int, (ValueError, ExceptionGroup), (ValueError, "x")):
    try:
        try:
            f()
        except* bad:
            pass
    except TypeError as e:
        print("TypeError", e)


# Inside functions and loops; loops inside a clause may break.
def handle(kinds):
    seen = []
    try:
        raise ExceptionGroup("fn", [k() for k in kinds])
    except* ValueError as e:
        for x in e.exceptions:
            seen.append("V")
            break
    except* TypeError as e:
        seen.extend("T" for _ in e.exceptions)
    return seen


print(handle([ValueError, ValueError, TypeError]), handle([TypeError]))
