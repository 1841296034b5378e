# PEP 678: BaseException.add_note and __notes__, and how the traceback
# printer shows them (checked through an uncaught exception at the end).


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


e = ValueError("bad value")
attempt("no notes yet", lambda: e.__notes__)
print(e.add_note("first"), e.__notes__)
e.add_note("second\nspans lines")
print(e.__notes__, hasattr(e, "__notes__"))
attempt("int note", lambda: e.add_note(3))
attempt("None note", lambda: e.add_note(None))
attempt("no args", lambda: e.add_note())


class Custom(Exception):
    pass


c = Custom("custom")
c.__notes__ = "not a list"
attempt("not a list", lambda: c.add_note("x"))
c.__notes__ = ["kept"]
c.add_note("added")
print(c.__notes__)
del c.__notes__
attempt("deleted", lambda: c.__notes__)
c.add_note("fresh")
print(c.__notes__)

# Notes added inside handlers travel with the exception.
try:
    try:
        raise KeyError("k")
    except KeyError as k:
        k.add_note("while loading config")
        raise
except KeyError as k2:
    print(k2.__notes__)

# Uncaught: the printer adds each note after the message.
final = RuntimeError("giving up")
final.add_note("note one")
final.add_note("note two\ncontinued")
raise final
