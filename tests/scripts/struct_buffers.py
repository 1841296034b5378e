# struct at CPython 3.11's edges: pack_into any writable buffer (array,
# memoryview, bytearray; bytes refused), the offset errors with CPython's
# size_t arithmetic, embedded NUL characters in formats, 'p' strings longer
# than 255 bytes, and the unpack iterator as a collections.abc.Iterator.
import array
import collections.abc as abc
import struct
import sys

a = array.array("b", bytes(12))
struct.pack_into(">3i", a, 0, 1, 2, 3)
print(a)
a = array.array("H", [0] * 4)
struct.Struct("<HH").pack_into(a, 2, 0x102, 0x304)
print(a)
m = memoryview(bytearray(8))
struct.pack_into("<q", m, 0, -5)
print(bytes(m))
ba = bytearray(6)
struct.pack_into("<h", ba, -2, 7)
print(ba)
for buf in (b"abc", "abc", 3, memoryview(b"abcd")):
    try:
        struct.pack_into("<b", buf, 0, 1)
    except TypeError as e:
        print("TypeError", e)
try:
    struct.pack_into("<i", bytearray(8), 0, "x")
except struct.error as e:
    print("struct.error", e)

for fmt, data in (("p", b"abc"), ("2p", b"abc"), ("5p", b"abc"), ("300p", b"y" * 300), ("1000p", b"x" * 1000)):
    packed = struct.pack(fmt, data)
    print(fmt, packed[:4], len(packed), len(struct.unpack(fmt, packed)[0]))

for s in ("\0", "2\0i", b"\0", "i\0"):
    try:
        struct.calcsize(s)
    except struct.error as e:
        print(repr(s), "struct.error", e)

cases = [
    lambda: struct.pack_into("<I", bytearray(10), sys.maxsize, 1),
    lambda: struct.unpack_from("<I", bytearray(10), sys.maxsize),
    lambda: struct.pack_into("<I", bytearray(10), -2, 123),
    lambda: struct.pack_into("<B", bytearray(10), -11, 123),
    lambda: struct.unpack_from("<I", bytearray(10), -2),
    lambda: struct.unpack_from("<B", bytearray(10), -11),
    lambda: struct.unpack_from("<I", bytearray(10), 8),
]
for case in cases:
    try:
        case()
    except struct.error as e:
        print("struct.error", e)

it = struct.Struct(">ibcp").iter_unpack(b"")
print(isinstance(it, abc.Iterator), isinstance(it, abc.Iterable), list(it))
it = struct.Struct("<h").iter_unpack(b"\x01\x00\x02\x00")
print(it.__length_hint__(), it.__next__(), list(it))
