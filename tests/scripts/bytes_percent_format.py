# bytes % args and bytearray % args (PEP 461), with CPython's errors; and
# str's %a, which gives ascii().


def attempt(label, fn):
    try:
        print(label, repr(fn()))
    except Exception as e:
        print(label, type(e).__name__, e)


class HasBytes:
    def __bytes__(self):
        return b"from __bytes__"


class BadBytes:
    def __bytes__(self):
        return "not bytes"


print(b"%s %d %r %a %x %c %c %5.2f %b %%" % (b"x", 3, "\xe9", "\xe9", 255, 65, b"z", 1.5, bytearray(b"ba")))
print(b"%i|%u|%o|%X|%e|%g|%#x|%+d|% d|%05d|%-5d|" % (1, 2, 8, 255, 1.5, 2.5, 255, 3, 4, 42, 7))
print(b"[%5s][%-5s][%.2s][%*d]" % (b"ab", b"cd", b"efgh", 4, 9))
print(b"%s" % HasBytes(), b"%s" % b"only", b"%(k)s=%(v)d" % {b"k": b"key", b"v": 5})
print(b"\xff%s\x00" % (b"\xfe",), b"%c" % 0, b"%c" % 255)
print(bytearray(b"%d-%s") % (5, b"x"), type(bytearray(b"%d") % 1).__name__)
print(b"%r" % [1, "a"], b"%a" % "\u1234")
print("%a" % "\xe9\u1234", "%r" % "\xe9")

attempt("str arg", lambda: b"%s" % "str")
attempt("int arg", lambda: b"%s" % 1)
attempt("bad __bytes__", lambda: b"%s" % BadBytes())
attempt("d of bytes", lambda: b"%d" % b"x")
attempt("c too big", lambda: b"%c" % 300)
attempt("c negative", lambda: b"%c" % -1)
attempt("c two bytes", lambda: b"%c" % b"ab")
attempt("c str", lambda: b"%c" % "a")
attempt("too few", lambda: b"%s %s" % b"1")
attempt("too many", lambda: b"%s" % (b"1", b"2"))
attempt("needs mapping", lambda: b"%(a)s" % (b"v",))
attempt("missing key", lambda: b"%(a)s" % {b"b": 1})
attempt("str key", lambda: b"%(a)s" % {"a": b"v"})
attempt("bad char", lambda: b"%y" % 1)
attempt("incomplete", lambda: b"abc%" % ())
attempt("int % bytes", lambda: 5 % b"x")
attempt("b %b str", lambda: b"%b" % "s")
