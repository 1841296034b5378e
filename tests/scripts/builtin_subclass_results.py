# Classes derived from float and complex may have __slots__ (fixed-size in
# CPython; int, tuple and bytes refuse), and operations on derived str,
# bytes, int, float, complex and tuple instances return the exact builtin
# (an empty operand of + included), as CPython's do.
import gc, pickle, copy
class F(float):
    __slots__ = ('unit', 'tag')
f = F(2.5)
try:
    f.unit
except AttributeError as e:
    print("AttributeError", e)
f.unit = "m"; f.tag = [1]
print(f, f + 1, f.unit, f.tag, type(f).__name__, hash(f) == hash(2.5))
try:
    f.other = 1
except AttributeError as e:
    print("AttributeError", e)
class C(complex):
    __slots__ = ('note',)
c = C(1, 2); c.note = "x"; print(c, c.note, c * 2)
del f.tag
try: f.tag
except AttributeError as e: print("AttributeError", e)
for cls in (int, tuple, bytes):
    try:
        type("X", (cls,), {"__slots__": ("a",)})
        print(cls.__name__, "allowed")
    except TypeError as e:
        print(cls.__name__, "TypeError", e)
class G(F):
    __slots__ = ('more',)
g = G(1.0); g.unit = 'u'; g.more = 'v'; print(g.unit, g.more, g)
objs = [F(i) for i in range(1000)]
for o in objs: o.tag = o
del objs; print(gc.collect() >= 0)
class madstring(str): pass
class madbytes(bytes): pass
class madint(int): pass
class madfloat(float): pass
class madcomplex(complex): pass
class madtuple(tuple): pass
class madlist(list): pass
s = madstring("abc")
checks = {
 's+""': s + "", '""+s': "" + s, 's*1': s * 1, '1*s': 1 * s, 's[:]': s[:], 's.strip()': s.strip(), 'str(s)': str(s),
 's.lower()': madstring("abc").lower(), 's.replace': s.replace("x","y"), 's.upper() ': madstring("ABC").upper(),
 's.swapcase': madstring("").swapcase(), 's.capitalize': madstring("Abc").capitalize(), 's.casefold': s.casefold(),
}
b = madbytes(b"abc")
checks.update({'b+b""': b + b"", 'b*1': b * 1, 'b[:]': b[:], 'bytes(b)': bytes(b), 'b.strip': b.strip(), 'b.lower': madbytes(b"abc").lower(), 'b.replace': b.replace(b"x", b"y")})
i = madint(5)
checks.update({'+i': +i, 'i+0': i + 0, 'int(i)': int(i), 'i*1': i * 1, 'abs(i)': abs(i), '-(-i)': -(-i), 'i>>0': i >> 0, 'i<<0': i << 0, 'i//1': i // 1, 'i|0': i | 0, 'i^0': i ^ 0, 'i&-1': i & -1, 'i**1': i ** 1})
fl = madfloat(2.0)
checks.update({'+f': +fl, 'abs(f)': abs(fl), 'f+0': fl + 0, 'float(f)': float(fl), 'f*1': fl * 1, 'f/1': fl / 1, 'f**1': fl ** 1})
c = madcomplex(1, 2)
checks.update({'+c': +c, 'c+0': c + 0, 'complex(c)': complex(c), 'c*1': c * 1})
t = madtuple((1, 2))
checks.update({'t[:]': t[:], 't+()': t + (), 'tuple(t)': tuple(t), 't*1': t * 1})
for k, v in checks.items():
    print(k, type(v).__name__)
