# memoryview over bytes and bytearray: items, slices with steps, writes
# through the view, cast between formats, tolist/tobytes/hex, release and
# the context manager, comparison, hashing, and bytes-like uses of a view.

b = b"abcdef"
m = memoryview(b)
print(len(m), m[0], m[-1], m[1:3].tobytes(), m[::2].tobytes(), m[::-1].tobytes(), bytes(m[2:]))
print(m.readonly, m.format, m.itemsize, m.nbytes, m.ndim, m.shape, m.strides, m.suboffsets, m.obj is b)
print(m.c_contiguous, m[::2].c_contiguous, m[::2].shape, m[::2].strides, m[::-1].strides, m.contiguous)
print(m.tolist(), m[1:4].tolist(), list(m[:2]), m.hex(), m.hex(":"), m.hex("-", 2), m[::2].hex())
print(m == b, m == b"abcdeg", m != b"x", m == bytearray(b), m[:2] == memoryview(b"ab"), m == "abcdef")
print(hash(m) == hash(b), hash(m[1:3]) == hash(b"bc"), b"cd" in bytes(m), m[1:3] == m[1:3])

ba = bytearray(b"hello world")
mv = memoryview(ba)
mv[0] = ord("H")
mv[6:11] = b"WORLD"
mv[-1] = 33
print(ba, mv.readonly, mv.obj is ba, bytes(mv[::3]))
mv[::2] = b"ABCDEF"
print(ba)
sub = mv[2:5]
sub[0] = 0x7A
print(ba, sub.tobytes(), sub.obj is ba)

# Casts: bytes to wider items and back.
raw = bytearray(range(8))
words = memoryview(raw).cast("H")
print(words.format, words.itemsize, len(words), words.tolist(), words.nbytes)
words[0] = 0xFFFF
print(raw[:2], memoryview(raw).cast("i").tolist(), memoryview(raw).cast("q").tolist())
print(memoryview(raw).cast("@B").tolist(), memoryview(raw).cast("b").tolist()[:3], memoryview(b"ab").cast("c").tolist())
print(memoryview(bytes(8)).cast("d").tolist(), memoryview(b"\x00\x00\x80\x3f").cast("f").tolist())
print(memoryview(b"\x00\x01\x02").cast("?").tolist(), memoryview(b"\xff" * 8).cast("Q").tolist(), memoryview(b"\xff" * 8).cast("q").tolist())
fl = memoryview(bytearray(8)).cast("d")
fl[0] = 2.5
print(fl.tolist(), fl.cast("B").tolist())
fl[0] = 3
print(fl[0])

# Views as bytes-like arguments.
print(b"-".join([memoryview(b"ab"), memoryview(b"cd")]), bytearray(memoryview(b"xy")), b"abc".startswith(memoryview(b"ab")))
print(bytes(memoryview(b"abc")[::-1]), b"abc" + memoryview(b"d"), bytearray(b"q") + memoryview(b"r"), b"xyz".find(memoryview(b"z")))
print(list(memoryview(b"\x01\x02")), [x for x in memoryview(b"hi").cast("c")], memoryview(memoryview(b"nest")).tobytes())
print(memoryview(b"").tolist(), len(memoryview(bytearray())), memoryview(bytearray())[:].tobytes())

# Release: the view stops working; the bytearray can grow again.
buf = bytearray(b"grow")
v = memoryview(buf)
try:
    buf.append(1)
except BufferError as e:
    print("BufferError", e)
try:
    buf.extend(b"xy")
except BufferError as e:
    print("BufferError", e)
buf[0] = ord("G")           # same size: allowed
v.release()
buf.append(33)
print(buf, repr(v).startswith("<released memory at 0x"), repr(memoryview(b"")).startswith("<memory at 0x"))
try:
    v[0]
except ValueError as e:
    print("ValueError", e)
try:
    len(v)
except ValueError as e:
    print("ValueError", e)
v.release()                 # twice is fine

with memoryview(buf) as w:
    print(w[:4].tobytes())
    try:
        buf.clear()
    except BufferError as e:
        print("BufferError", e)
buf.clear()
print(buf)

# Two views: the bytearray stays locked until both are released.
data = bytearray(b"ab")
v1, v2 = memoryview(data), memoryview(data)[1:]
v1.release()
try:
    data.pop()
except BufferError as e:
    print("BufferError", e)
del v2
data.pop()
print(data)
