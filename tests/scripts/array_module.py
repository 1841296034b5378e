# The array module (src/modules/array_module.cc): construction, every
# method, the sequence protocol, the buffer protocol, pickling and
# CPython's error messages. Output compared with CPython 3.11.
import array
import copy
import io
import pickle
import sys


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


import collections.abc

print(array.typecodes, array.ArrayType is array.array)
print(isinstance(array.array("i"), collections.abc.MutableSequence), issubclass(array.array, collections.abc.Sequence))
for code in array.typecodes:
    a = array.array(code)
    print(code, a.itemsize, repr(a), a.typecode, len(a))

# Construction from every kind of initializer.
print(array.array("i", [1, 2, 3]))
print(array.array("d", (0.5, 1.5)))
print(array.array("b", b"\x01\xff"))
print(array.array("B", bytearray(b"ab")))
print(array.array("u", "hello"))
print(array.array("h", range(5)))
print(array.array("l", array.array("l", [7, 8])))
print(array.array("q", array.array("i", [9, 10])))
print(array.array("f", iter([1, 2.25])))
show("bad typecode", lambda: array.array("x"))
show("typecode int", lambda: array.array(3))
show("typecode long", lambda: array.array("ii"))
show("str init", lambda: array.array("i", "abc"))
show("unicode array init", lambda: array.array("i", array.array("u", "ab")))
show("kwargs", lambda: array.array("i", initializer=[1]))
show("no args", lambda: array.array())
show("bytes not multiple", lambda: array.array("i", b"abc"))

# Ranges and CPython's messages for each type code.
for code in "bBhHiIlLqQ":
    for v in (2**70, -2**70, -1, 300, 70000, 2**33, 2**63, 2**64 - 1):
        show(f"{code} {v}", lambda: array.array(code, [v])[0])
for code in "fd":
    for v in (1, 2.5, "x", 2**2000, None):
        show(f"{code} {v!r:.10}", lambda: array.array(code, [v])[0])
for v in ("x", "ab", 1, "\U0001f600"):
    show(f"u {v!r}", lambda: array.array("u", [v])[0])
show("float for int", lambda: array.array("i", [1.5]))
print(array.array("f", [0.1])[0], array.array("d", [0.1])[0])


class Idx:
    def __index__(self):
        return 42


print(array.array("i", [Idx()]))

# Methods.
a = array.array("i", [1, 2, 3, 2])
a.append(5)
a.extend([6, 7])
a.extend(array.array("i", [8]))
a.insert(0, 0)
a.insert(-1, 99)
a.insert(100, 100)
print(a, a.count(2), a.index(2), a.index(2, 3), len(a))
show("index missing", lambda: a.index(1000))
show("index range", lambda: a.index(1, 2, 3))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(2)
print(a)
show("remove missing", lambda: a.remove(1000))
show("pop empty", lambda: array.array("i").pop())
show("pop range", lambda: a.pop(100))
show("extend other kind", lambda: a.extend(array.array("d", [1.0])))
show("append bad", lambda: a.append("x"))
a.reverse()
print(a)
b = array.array("H", [1, 256])
b.byteswap()
print(b)
print(array.array("d", [1.0]).tobytes(), array.array("h", [1, -1]).tobytes())
c = array.array("h")
c.frombytes(b"\x01\x00\x02\x00")
print(c, c.tolist())
show("frombytes str", lambda: c.frombytes("ab"))
show("frombytes odd", lambda: c.frombytes(b"abc"))
c.fromlist([3, 4])
print(c)
show("fromlist not list", lambda: c.fromlist((1,)))
show("fromlist atomic", lambda: c.fromlist([5, "x"]))
print(c)
u = array.array("u", "ab")
u.fromunicode("cd")
print(u, u.tounicode())
show("fromunicode int", lambda: u.fromunicode(3))
show("fromunicode on i", lambda: c.fromunicode("x"))
show("tounicode on i", lambda: c.tounicode())
print(type(a.buffer_info()[0]), a.buffer_info()[1] == len(a))
print(a.__sizeof__() >= len(a) * a.itemsize)

# Files.
f = io.BytesIO()
array.array("i", range(5)).tofile(f)
f.seek(0)
d = array.array("i")
d.fromfile(f, 3)
print(d)
show("fromfile short", lambda: d.fromfile(f, 5))
print(d)
show("fromfile negative", lambda: d.fromfile(f, -1))

# Sequence protocol.
a = array.array("i", range(10))
print(a[0], a[-1], a[2:5], a[::3], a[::-2], type(a[1:2]))
show("index out of range", lambda: a[10])
show("index type", lambda: a["x"])
a[0] = 100
a[-1] = -100
a[1:3] = array.array("i", [7, 7, 7])
print(a)
a[::2] = array.array("i", [0] * 6)
print(a)
del a[0]
del a[::3]
print(a)
del a[2:4]
print(a)


def assign_list():
    a[0:2] = [1, 2]


def assign_kind():
    a[0:2] = array.array("d", [1.0])


def assign_ext():
    a[::2] = array.array("i", [1])


def set_range():
    a[100] = 1


show("slice list", assign_list)
show("slice kind", assign_kind)
show("extended size", assign_ext)
show("set index", set_range)
a[:] = a
print(a, 0 in a, 5 in a, "x" in a)

# Operators and comparison.
x = array.array("i", [1, 2])
y = array.array("i", [1, 3])
print(x + y, x * 2, 2 * x, x * -1, x == y, x < y, x != y, x <= x)
print(array.array("i", [1, 2]) == array.array("d", [1.0, 2.0]))
print(array.array("i", [1]) < array.array("i", [1, 0]))
print(x == [1, 2], x.__eq__([1, 2]))
show("add list", lambda: x + [1])
show("add kind", lambda: x + array.array("d"))
show("mul str", lambda: x * "a")
show("hash", lambda: hash(x))
z = x
z += y
z *= 2
print(z, z is x)


def iadd_list():
    global z
    z += [1]


show("iadd list", iadd_list)
print(list(iter(array.array("d", [1.5, 2.5]))), type(iter(x)).__name__)

# Buffer protocol.
m = memoryview(array.array("i", [1, 2, 3]))
print(m.format, m.itemsize, m.tolist(), m.nbytes, bytes(m)[:4])
arr = array.array("B", [1, 2, 3])
view = memoryview(arr)
view[0] = 9
print(arr)
show("resize exported", lambda: arr.append(4))
show("pop exported", lambda: arr.pop())
sub = view[1:]
view.release()
show("resize with a slice view", lambda: arr.append(4))
sub.release()
arr.append(4)
print(arr, bytes(array.array("h", [1, 2])), bytearray(array.array("b", [1, -1])))
with memoryview(arr) as v2:
    print(v2[1:3].tolist())
mu = memoryview(array.array("u", "ab"))
print(mu.format, mu.itemsize, mu.nbytes, bytes(mu))
show("view of u tolist", lambda: mu.tolist())
show("view of u item", lambda: mu[0])
show("view of u store", lambda: mu.__setitem__(0, "x"))

# Pickling and copying.
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    for code in "bBuhHiIlLqQfd":
        src = array.array(code, "ab" if code == "u" else [1, 2])
        back = pickle.loads(pickle.dumps(src, proto))
        assert back == src and back.typecode == code, (code, proto)
print(array.array("i", [1]).__reduce_ex__(2))
r = array.array("l", [1]).__reduce_ex__(3)
print(r[0].__name__, r[1][1:], r[2])
print(array._array_reconstructor(array.array, "i", 9, b"\x00\x00\x00\x01"))
print(array._array_reconstructor(array.array, "d", 17, b"\x3f\xf0\x00\x00\x00\x00\x00\x00"))
print(array._array_reconstructor(array.array, "u", 19, b"\x00a\x00b\xd8\x3d\xde\x00"))
print(array._array_reconstructor(array.array, "u", 21, b"\x00\x00\x00a\x00\x00\x00b"))
show("reconstructor utf16", lambda: array._array_reconstructor(array.array, "u", 18, b"a\x00"))
show("reconstructor type", lambda: array._array_reconstructor(1, "i", 8, b""))
show("reconstructor sub", lambda: array._array_reconstructor(int, "i", 8, b""))
show("reconstructor code", lambda: array._array_reconstructor(array.array, "x", 8, b""))
show("reconstructor fmt", lambda: array._array_reconstructor(array.array, "i", 99, b""))
show("reconstructor items", lambda: array._array_reconstructor(array.array, "i", 8, "x"))
c1 = copy.copy(x)
c2 = copy.deepcopy(x)
print(c1, c2, c1 is x)


# Derived classes.
class MyArray(array.array):
    def __init__(self, typecode, data=(), extra=None):
        self.extra = extra

    def total(self):
        return sum(self)


ma = MyArray("i", [1, 2, 3], extra="e")
print(ma, ma.total(), ma.extra, type(ma[0:1]).__name__, isinstance(ma, array.array))
mb = pickle.loads(pickle.dumps(ma, 4))
print(type(mb).__name__, mb, mb.extra)
print(sys.getsizeof(array.array("i")) > 0)
show("subscript", lambda: array.array[int])  # 3.12 added __class_getitem__
