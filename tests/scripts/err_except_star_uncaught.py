# An exception group that escapes: CPython's boxed traceback format, nested
# groups, a clause that raised, and notes.
def f():
    raise ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [TypeError("t"), KeyError("k")])])


try:
    f()
except* ValueError as e:
    e.add_note("handled the values")
    raise RuntimeError("handler failed")
