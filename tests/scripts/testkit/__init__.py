# Helpers shared by the script tests (a package, so the test runner, which
# runs tests/scripts/*.py, does not take it for a test).


def attempt(label, fn):
    """Runs fn() and prints its result, or the exception's type and message."""
    try:
        r = fn()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "->", repr(r))
