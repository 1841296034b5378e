# str.expandtabs, bytes.istitle, float.hex and float.fromhex against CPython.
for s in ['a\tb', '\t', 'ab\tc\td', '01234567\tx', 'é\tx', 'a\nb\tc', 'a\r\tb', 'no tabs', '', '\t\t']:
    print(repr(s.expandtabs()), repr(s.expandtabs(4)), repr(s.expandtabs(0)), repr(s.expandtabs(tabsize=1)), repr(s.expandtabs(-2)))
for b in [b'Hello World', b'Hello world', b'HELLO', b'hello', b'', b'123', b'A1 B2', b'Ab Cd', b'aB', b'1A', b'A_b']:
    print(b, b.istitle(), bytearray(b).istitle())
vals = [0.0, -0.0, 1.0, -2.5, 0.1, 1e308, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 3.14159, float('inf'),
        float('-inf'), float('nan'), 123456789.0, 2 ** -1074, 2 ** 52 + 0.5]
for v in vals:
    h = v.hex()
    back = float.fromhex(h)
    print(repr(v), h, repr(back), back == v or v != v)
for t in ['0x1p0', '1p0', '0x.8', ' -0X1.8P+1 ', 'inf', '-Infinity', 'nan', '0x1.fffffffffffff8p1023', '0x1p-1075',
          '0x1p-1074', '0x1.00000000000008p0', 'a', '0x', 'x1', '0x1p', '1.p1', '.1p1', '0x1p+', '0x1.8p1 x', '0x1p1024',
          '1_0', '']:
    try:
        print(repr(t), repr(float.fromhex(t)))
    except (ValueError, OverflowError) as e:
        print(repr(t), type(e).__name__, e)


class F(float):
    pass


print(type(F.fromhex('0x1p1')).__name__, F.fromhex('0x1p1'))
