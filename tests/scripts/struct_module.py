# _struct against python3: every integer code in every byte order with
# values in and out of range (CPython 3.11's messages differ by order),
# floats and half floats, strings, padding and alignment, pack_into and
# unpack_from offsets, iter_unpack, and the argument errors.
import struct
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
t(lambda: struct.pack('h', 70000)); t(lambda: struct.pack('H', -1)); t(lambda: struct.pack('i', 2**40)); t(lambda: struct.pack('I', -1))
t(lambda: struct.pack('l', 2**70)); t(lambda: struct.pack('L', -1)); t(lambda: struct.pack('q', 2**70)); t(lambda: struct.pack('Q', -1))
t(lambda: struct.pack('<l', 2**40)); t(lambda: struct.pack('<L', -1)); t(lambda: struct.pack('<q', 2**70)); t(lambda: struct.pack('<Q', -1))
t(lambda: struct.pack('b', 200)); t(lambda: struct.pack('B', 256)); t(lambda: struct.pack('n', 2**70)); t(lambda: struct.pack('N', -1))
t(lambda: struct.pack('<h', 70000)); t(lambda: struct.pack('>H', -1)); t(lambda: struct.pack('<b', 200));t(lambda: struct.pack('<B', -1))
t(lambda: struct.pack('i', 'x')); t(lambda: struct.pack('i', 1.5)); t(lambda: struct.pack('f', 'x')); t(lambda: struct.pack('f', 1e300)); t(lambda: struct.pack('e', 1e10))
t(lambda: struct.pack('<f', 1e300))
t(lambda: struct.pack('c', b'ab')); t(lambda: struct.pack('s', 'x')); t(lambda: struct.pack('2i', 1)); t(lambda: struct.pack('z')); t(lambda: struct.pack('3'))
t(lambda: struct.unpack('i', b'abc')); t(lambda: struct.unpack_from('i', b'abcd', 2)); t(lambda: struct.calcsize('@bhiq')); t(lambda: struct.calcsize('=bhiq'))
t(lambda: struct.pack('<n', 1)); t(lambda: struct.Struct('>iH').format); t(lambda: struct.Struct(b'>iH').size); t(lambda: struct.pack('?', []))
t(lambda: struct.pack('5p', b'hello world')); t(lambda: struct.unpack('5p', b'\x09hello')); t(lambda: list(struct.iter_unpack('h', b'abc')))
t(lambda: struct.pack('e', 1.5)); t(lambda: struct.unpack('<e', b'\x00\x7c')); t(lambda: struct.pack('i', 2**64)); t(lambda: struct.pack('x', 1))
t(lambda: struct.pack_into('i', bytearray(3), 0, 1)); t(lambda: struct.unpack_from('i', b'abcd', offset=-5)); t(lambda: struct.pack('P', -1))
t(lambda: struct.error.__module__); t(lambda: struct.Struct('i').unpack(b'ab'))
for fmt in 'bBhHiIlLqQnNP':
  for pre in '@<>!=':
    if pre != '@' and fmt in 'nNP': continue
    out=[]
    for v in (2**70, 2**40, 70000, 300, -1, -2**40, 5):
      try: out.append(struct.pack(pre+fmt, v).hex())
      except struct.error as e: out.append(str(e))
    print(pre+fmt, ' | '.join(out))
vals = (1, -2, 3, 4, 5, 6.5, b"x", True, b"abc", 2.5, -1.25)
for pre in '@=<>!':
    f = pre + 'bhilqd c?3sfe' if pre == '@' else pre + 'bhilqxd c?3sfe'
    s = struct.Struct(f)
    packed = s.pack(*vals)
    print(pre, s.size, packed.hex(), s.unpack(packed))
print(struct.unpack('>HhIiQq', bytes(range(28))), struct.unpack('<HhIiQq', bytes(range(200, 228))))
for x in (0.0, -0.0, 1.0, 65504.0, 6.1e-05, 5.96e-08, 1e-9, 0.1, 1/3, float('inf'), -float('inf'), 2.0**-24 * 1.5):
    b = struct.pack('<e', x); print(b.hex(), struct.unpack('<e', b))
print(struct.unpack('<e', struct.pack('<e', float('nan'))))
ba = bytearray(10); struct.pack_into('<hi', ba, 2, -2, 7); print(ba)
mv = memoryview(bytearray(8)); struct.pack_into('>q', mv, 0, 2**62); print(bytes(mv))
struct.pack_into('<h', ba, -2, 513); print(ba)
print(list(struct.iter_unpack('<hb', bytes(range(9)))), struct.iter_unpack('<h', b'abcd').__length_hint__())
print(struct.unpack_from('<h', b'abcdef', 4), struct.unpack_from('<h', b'abcdef', -2), struct.calcsize('0s'), struct.pack('0s', b'ab'))
print(struct.pack('3x'), struct.calcsize('@c i'), struct.calcsize('@ci'), struct.calcsize('<ci'), struct.Struct('i') .pack(5))
t(lambda: struct.pack('ii', 1)); t(lambda: struct.pack_into('i', b'abcd', 0, 1)); t(lambda: struct.unpack('i', 'abcd'))
t(lambda: struct.Struct(5)); t(lambda: struct.pack_into('<h', bytearray(4), -1, 1)); t(lambda: struct.pack_into('<h', bytearray(4), -5, 1))
class Idx:
    def __index__(self): return 7
print(struct.pack('<i', Idx()), struct.pack('<d', 3), struct.pack('3s', bytearray(b'z')))
t(lambda: struct.pack('c', bytearray(b'z')))
print(repr(struct.Struct('<i'))[:25])
