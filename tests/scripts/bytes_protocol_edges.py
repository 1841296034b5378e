# bytes and bytearray where CPython's test_bytes found ftpy different:
# index overflow errors, byte ranges, __bytes__, ord(), %-format keys
# and '*' widths, docs, __alloc__, in-place repeat, resizing while
# exported, split/find edges, hex separators, fromhex of derived classes.
import sys
class IntBlocked(int): __bytes__ = None
class A(str):
    def __bytes__(self): return b'abc'
class BS(bytes): pass
class C:
    def __bytes__(self): return BS(b'x')
class D:
    def __bytes__(self): return 'no'
tests = [lambda: b'ab'[sys.maxsize+1], lambda: [1][2**70], lambda: bytearray(b'a')[2**70], lambda: sys.maxsize+1 in b'ab',
 lambda: -sys.maxsize-2 in bytearray(b'a'), lambda: bytes([-sys.maxsize-2]), lambda: bytearray([sys.maxsize+1]), lambda: bytes([256]),
 lambda: bytes(IntBlocked(3)), lambda: bytearray(IntBlocked(3)), lambda: bytes(A('\u20ac')), lambda: type(bytes(C())), lambda: bytes(D()),
 lambda: b'ab'.__bytes__(), lambda: BS(b'q').__bytes__(), lambda: type(BS(b'q').__bytes__()),
 lambda: ord(bytearray(b'a')), lambda: ord(b'ab'), lambda: ord(bytearray()), lambda: ord(memoryview(b'a')),
 lambda: b'...%(f(o)o)b...' % {b'f(o)o': b'abc', b'foo': b'bar'}, lambda: '%(a(b)c)s' % {'a(b)c': 1},
 lambda: bytearray.__doc__ is not None, lambda: bytes.__doc__[:20], lambda: bytearray(b'abc').__alloc__() >= 4,
 lambda: bytearray().__alloc__(), lambda: bytes.fromhex('ab'), lambda: b'a' * 2**70, lambda: bytearray(-1),
 ]
for t in tests:
    try: print(repr(t()))
    except Exception as e: print(type(e).__name__, e)
b = bytearray(b'abc'); b1 = b; b *= 3; print(b, b is b1)
b = bytearray(b'x'); b1 = b; b *= 100; print(len(b1), b is b1)
b *= 0; print(b1)
b = bytearray(range(10)); v = memoryview(b)  # exported: no resizing
for f in (lambda: b.__delitem__(slice(1,-1,2)), lambda: b.__setitem__(slice(1,-1,2), b""), lambda: b.pop(), lambda: b.append(1), lambda: b.clear()):
    try: f(); print("ok", b)
    except Exception as e: print(type(e).__name__, e)
b[1:-1:2] = b'xxxx' if False else bytes(4); print(b)

b = b'\xb9\x01\xef'
for args in [('',), ('xx',), (None, 0), ('\xff',), (b'\xff',), (b'\x80',), (chr(0x100),), (1,), ('é',)]:
    try: print(repr(b.hex(*args)))
    except Exception as e: print(type(e).__name__, e)
import binascii
for args in [('',), ('\xff',), (None,)]:
    try: print(binascii.hexlify(b, *args))
    except Exception as e: print(type(e).__name__, e)
print(b.hex(':', 0), b.hex(b'\x00'), b.hex(':', -2), b.hex(':', 2))
print(bytearray(b'ab').hex(':'), memoryview(b'abc').hex('-', 2))

class M:
    def __getitem__(self, k): return k*2
class D(dict):
    def __missing__(self, k): return 'miss'
from collections import deque, OrderedDict
for fmt, args in [('%(ab)s', M()), ('%(zz)s', D()), ('hello', [1]), ('%s', [1,2]), ('%(a)s', [1]), ('%(a(b)c)s', {'a(b)c': 1}),
                  ('%(a', {}), ('%(a)s %(b)d', OrderedDict(a=1, b=2)), ('%(x)s', {}), ('%s', {'a': 1}), ('%(a)s', (1,)), ('%(a)s', 'x'),
                  (b'%(a)s', {b'a': b'x'}), (b'%(f(o)o)b', {b'f(o)o': b'abc'}), (b'hi', b'x'), (b'%(a)s', b'x'), ('%s %s', [1])]:
    try: print(repr(fmt % args))
    except Exception as e: print(type(e).__name__, e)

for args in [(None, 1), (None, 0), (b' ', 1)]:
    print(b'  a    b   '.split(*args), b'  a    b   '.rsplit(*args), bytearray(b' x  y ').split(*args))
for meth, args in [('find', (b'', 4)), ('rfind', (b'', 4)), ('count', (b'', 10)), ('find', (b'', 3)), ('count', (b'', 3)),
                   ('find', (b'b', -100, 2**70)), ('startswith', (b'', 4)), ('endswith', (b'', 2**70)), ('find', (300,)),
                   ('find', (sys.maxsize + 1,)), ('find', (b'a', 'x')), ('index', (98, 0, 2**80))]:
    for t in (bytes, bytearray):
        try:
            print(meth, args, getattr(t(b'abc'), meth)(*args))
        except Exception as e:
            print(meth, args, type(e).__name__, e)


class BA(bytearray):
    pass


class BB(bytes):
    def __init__(self, *a):
        self.made = a


print(type(BA.fromhex('ab')).__name__, BA.fromhex('ab'), type(BB.fromhex('cd')).__name__, BB.fromhex('cd').made)
b = bytearray()
def grow():
    for i in range(1, 6):
        yield i
        print(' sees', list(b), b.__alloc__() > len(b))
b.__init__(grow())
print(b)
print('%.*f|%.*s|%*s|%-*d|' % (-2, 1.5, -2, 'abc', -5, 'ab', -3, 7), b'%*.*b|' % (-5, 2, b'abc'))
for bad in [('%*s', ('x', 'a')), ('%.*s', (1.0, 'a'))]:
    try:
        print(bad[0] % bad[1])
    except TypeError as e:
        print('TypeError', e)
