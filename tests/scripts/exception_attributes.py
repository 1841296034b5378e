# The attributes builtin exceptions derive from their arguments and
# keywords, their str, and OSError's errno-to-subclass mapping.

e = OSError(2, "No such file or directory", "missing.txt")
print(type(e).__name__, e.errno, e.strerror, e.filename, e.filename2, e.args, str(e))
e = OSError(1, "Operation not permitted", "a", None, "b")
print(type(e).__name__, e.filename, e.filename2, str(e), e.args)
e = OSError(17, "File exists")
print(type(e).__name__, str(e), e.args, isinstance(e, OSError))
for code in [2, 13, 17, 20, 21, 4, 11, 32, 3, 10, 110, 999]:
    print(code, type(OSError(code, "x")).__name__, end="; ")
print()
print(OSError("just a message").errno, str(OSError("just a message")), OSError().args, OSError(1).errno)
print(FileNotFoundError(2, "gone", "f").filename, type(FileNotFoundError(13, "x")).__name__, str(PermissionError(13, "denied")))
e.filename = "changed"
print(e.filename, str(e))

s = SyntaxError("invalid syntax", ("f.py", 3, 7, "x = = 1\n", 3, 8))
print(s.msg, s.filename, s.lineno, s.offset, repr(s.text), s.end_lineno, s.end_offset, s.print_file_and_line)
print(str(s), SyntaxError("m").lineno, str(SyntaxError("m")), IndentationError("i", ("g.py", 1, 1, "", 1, 1)).filename)

ie = ImportError("cannot import", name="mod", path="/x/mod.py")
print(ie.msg, ie.name, ie.path, ie.args, str(ie), ImportError().msg, ImportError("a", "b").msg)
print(ModuleNotFoundError("No module named 'q'", name="q").name)
ae = AttributeError("no attr", name="x", obj=5)
print(ae.name, ae.obj, AttributeError("m").name, NameError("n", name="v").name, NameError("n").name)
print(StopIteration(1, 2).value, StopIteration().value, SystemExit().code, SystemExit(1, 2).code)

ude = UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 1, "invalid start byte")
print(ude.encoding, ude.object, ude.start, ude.end, ude.reason, str(ude))
print(str(UnicodeDecodeError("utf-8", b"\xff\xfe", 0, 2, "bad")))
uee = UnicodeEncodeError("ascii", "h\xe9llo", 1, 2, "ordinal not in range(128)")
print(uee.encoding, uee.object, uee.start, uee.end, str(uee))
print(str(UnicodeEncodeError("ascii", "\xe9\xe8", 0, 2, "ordinal not in range(128)")))
ute = UnicodeTranslateError("abc", 0, 1, "no")
print(ute.object, ute.start, ute.end, ute.reason)


class MyOSError(OSError):
    pass


m = MyOSError(2, "gone", "f")
print(type(m).__name__, m.errno, m.filename, str(m))


class Lookup(AttributeError):
    pass


print(Lookup("x", name="n").name)
