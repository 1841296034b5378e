# memoryview's errors, with CPython's types and messages.

from testkit import attempt

ro = memoryview(b"abcd")
rw = memoryview(bytearray(b"abcd"))


def assign(view, key, value):
    view[key] = value


def delete(view, key):
    del view[key]


attempt("memoryview(5)", lambda: memoryview(5))
attempt("memoryview('s')", lambda: memoryview("s"))
attempt("memoryview()", lambda: memoryview())
attempt("ro[0] = 1", lambda: assign(ro, 0, 1))
attempt("ro[0:1] = b'x'", lambda: assign(ro, slice(0, 1), b"x"))
attempt("rw[9]", lambda: rw[9])
attempt("rw[-9]", lambda: rw[-9])
attempt("rw['a']", lambda: rw["a"])
attempt("rw[1.5]", lambda: rw[1.5])
attempt("rw[0] = 256", lambda: assign(rw, 0, 256))
attempt("rw[0] = -1", lambda: assign(rw, 0, -1))
attempt("rw[0] = 'a'", lambda: assign(rw, 0, "a"))
attempt("rw[0] = b'a'", lambda: assign(rw, 0, b"a"))
attempt("rw[0:2] = b'xyz'", lambda: assign(rw, slice(0, 2), b"xyz"))
attempt("rw[0:2] = 'xy'", lambda: assign(rw, slice(0, 2), "xy"))
attempt("rw[9] = 1", lambda: assign(rw, 9, 1))
attempt("del rw[0]", lambda: delete(rw, 0))
attempt("hash(rw)", lambda: hash(rw))
attempt("hash(ro.cast('h'))", lambda: hash(ro.cast("h")))
attempt("cast('x')", lambda: ro.cast("x"))
attempt("cast('BB')", lambda: ro.cast("BB"))
attempt("cast(1)", lambda: ro.cast(1))
attempt("cast('i') of 3 bytes", lambda: memoryview(b"abc").cast("i"))
attempt("cast h to i", lambda: ro.cast("h").cast("i"))
attempt("cast of a stepped view", lambda: ro[::2].cast("h"))
attempt("cast('c')[0] = 1", lambda: assign(memoryview(bytearray(1)).cast("c"), 0, 1))
attempt("cast('c')[0] = b'zz'", lambda: assign(memoryview(bytearray(1)).cast("c"), 0, b"zz"))
attempt("cast('H')[0] = 65536", lambda: assign(memoryview(bytearray(2)).cast("H"), 0, 65536))
attempt("cast('b')[0] = 128", lambda: assign(memoryview(bytearray(1)).cast("b"), 0, 128))
attempt("cast('d')[0] = 'x'", lambda: assign(memoryview(bytearray(8)).cast("d"), 0, "x"))
attempt("ro < ro", lambda: ro < ro)
attempt("rw.tolist(1)", lambda: rw.tolist(1))

gone = memoryview(b"xy")
gone.release()
attempt("released[0]", lambda: gone[0])
attempt("released.tobytes()", lambda: gone.tobytes())
attempt("released.nbytes", lambda: gone.nbytes)
attempt("bytes(released)", lambda: bytes(gone))
attempt("released == released", lambda: gone == gone)
attempt("with released", lambda: gone.__enter__())
