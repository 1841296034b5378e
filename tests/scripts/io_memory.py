# StringIO and BytesIO: every method, newline modes, positions past the
# end, iteration, closing, the errors CPython gives, subclassing in Python
# (an overridden readline drives iteration; __init__ chains to the base),
# and pickling state (checked against python3).
import io

s = io.StringIO('héllo\nwörld\n')
print(s.read(3), repr(s.readline()), s.tell(), repr(s.read()))
s.seek(0)
print(s.readlines(), s.tell())
s.seek(2)
s.write('XY')
print(repr(s.getvalue()))
s.seek(20)
s.write('!')
print(repr(s.getvalue()), s.tell())
print(s.truncate(4), repr(s.getvalue()), s.tell())
for nl in [None, '', '\n', '\r', '\r\n']:
    t = io.StringIO(newline=nl)
    t.write('a\nb\r\nc\rd')
    v = t.getvalue()
    t.seek(0)
    print(repr(nl), repr(v), t.readlines(), t.newlines)
b = io.StringIO()
for i in range(1000):
    b.write('%d,' % i)
print(len(b.getvalue()), b.getvalue()[-8:], b.tell())
b.seek(0, 2)
print(b.tell(), b.seekable(), b.readable(), b.writable(), b.line_buffering)
for bad in [lambda: io.StringIO().seek(1, 1), lambda: io.StringIO().seek(0, 3),
            lambda: io.StringIO().truncate(-1), lambda: io.StringIO().write(b'x'),
            lambda: io.StringIO(newline=5), lambda: io.BytesIO().truncate(-2),
            lambda: io.BytesIO().write('s'), lambda: io.BytesIO(5), lambda: io.BytesIO().read('x'),
            lambda: io.BytesIO().readinto(b'abc')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
c = io.StringIO('x')
c.close()
print(c.closed)
for m in ('read', 'getvalue', 'tell'):
    try:
        getattr(c, m)()
    except ValueError as e:
        print(m, e)

bio = io.BytesIO(b'one\ntwo\nthree')
print(bio.read1(2), bio.readline(), list(bio), bio.read())
bio.seek(0)
buf = bytearray(5)
print(bio.readinto(buf), buf, bio.tell())
view = memoryview(bytearray(4))
print(bio.readinto(view), view.tobytes())
bio.seek(-3, 2)
print(bio.read(), bio.seek(100), bio.read(), bio.tell())
bio.write(b'Z')
print(len(bio.getvalue()), bio.getvalue()[-3:])
bio.writelines([b'a', bytearray(b'b'), memoryview(b'c')])
print(bio.getvalue()[-4:], bio.readlines(), bio.isatty(), bio.flush())
st = io.BytesIO(b'abc').__getstate__()
print(st[0], st[1])
bio.close()
try:
    bio.read()
except ValueError as e:
    print(e)
print(bio.closed)

class Upper(io.StringIO):
    def __init__(self, text):
        super().__init__(text)
        self.calls = 0

    def readline(self, size=-1):
        self.calls += 1
        return super().readline(size).upper()

u = Upper('a\nb\n')
print(list(u), u.calls, isinstance(u, io.TextIOBase), type(u).__mro__[1].__name__)

class Counting(io.BytesIO):
    pass

k = Counting(b'x\ny')
k.tag = 'kept'
print(list(k), k.tag, k.__dict__)
with io.BytesIO(b'q') as w:
    print(w.read())
print(w.closed)

import pickle

# getbuffer(): a writable view of the contents; while it lives, writes,
# truncate and close raise BufferError.
b = io.BytesIO(b'abcdef')
v = b.getbuffer()
v[0] = ord('X')
print(b.getvalue(), len(v))
for op in (lambda: b.write(b'0123456789'), lambda: b.truncate(1), lambda: b.close()):
    try: op()
    except BufferError as e: print('BufferError', e)
b.seek(0)
try:
    b.write(b'QQ')
except BufferError as e:
    print('write', e)
v.release()
b.write(b'0123456789'); print(b.getvalue()); b.close(); print(b.closed)
d = pickle.dumps({'a': [1, 2, (3, 'x')], 'b': b'bytes', 'c': list(range(300))})
print(pickle.loads(d)['a'])
