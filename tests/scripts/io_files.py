# _io against files: open() in text and binary modes, FileIO, the buffered
# classes over FileIO and over raw streams written in Python, TextIOWrapper
# with native and registry codecs, newline modes, tell/seek, and CPython's
# errors for bad arguments (checked against python3).
import os
D = os.environ.get('FTPY_TEST_TMP') or '/tmp'
D = os.path.join(D, 'ftpy_io_files_%d' % os.getpid())  # private to this run
os.makedirs(D, exist_ok=True)
f = open(os.path.join(D, 't1.txt'), 'w')
print(type(f), f.mode, f.name == os.path.join(D, 't1.txt'), f.encoding.lower().replace('-', ''))
f.write('hello\nworld\r\nend')
f.close()
print(f.closed)
with open(os.path.join(D, 't1.txt')) as f:
    print(repr(f.read()))
with open(os.path.join(D, 't1.txt'), newline='') as f:
    print(f.readlines())
with open(os.path.join(D, 't1.txt'), 'rb') as f:
    print(f.read(3), f.peek()[:4], f.readline(), f.tell())
    f.seek(0)
    print(list(f))
import io
b = io.BytesIO(b'abc\ndef')
print(b.read(2), b.readline(), b.getvalue(), b.tell())
s = io.StringIO()
s.write('x\ny')
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(s.readlines())
print(io.StringIO('a\r\nb\rc', newline=None).read())
with open(os.path.join(D, 't2.txt'), 'w', encoding='latin-1') as f:
    f.write('caf\xe9')
print(open(os.path.join(D, 't2.txt'),'rb').read())
with open(os.path.join(D, 't2.txt'), encoding='cp1252') as f:
    print(f.read())
with open(os.path.join(D, 't3.txt'), 'w', encoding='utf-16') as f:
    f.write('hi there')
print(open(os.path.join(D, 't3.txt'),'rb').read())
print(open(os.path.join(D, 't3.txt'), encoding='utf-16').read())
try:
    open('/nonexistent/x')
except OSError as e:
    print(type(e).__name__, e)
print(isinstance(f, io.TextIOBase), isinstance(b, io.BufferedIOBase))

import io
p = os.path.join(D, 't4.txt')
with open(p, 'w') as f:
    for i in range(2000):
        f.write('line %d é\n' % i)
with open(p) as f:
    n = 0
    for line in f:
        n += 1
    print(n, repr(line))
with open(p) as f:
    f.readline(); f.readline()
    pos = f.tell()
    a = f.readline()
    f.seek(pos)
    print(a == f.readline(), pos)
    print(repr(f.read(5)), repr(f.readline(3)))
    try:
        for x in f:
            f.tell()
    except OSError as e:
        print('OSError', e)
with open(p, 'r+') as f:
    f.seek(0, 2)
    f.write('tail\n')
print(open(p).read()[-15:])
with open(p, 'a') as f:
    print(f.tell() == os.path.getsize(p))
class Raw(io.RawIOBase):
    def __init__(self, data):
        self.data = data; self.pos = 0
    def readable(self): return True
    def readinto(self, b):
        n = min(len(b), 3, len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos+n]
        self.pos += n
        return n
r = io.BufferedReader(Raw(b'abcdefghij\nklm\n'))
print(r.read(4), r.readline(), r.read())
t = io.TextIOWrapper(io.BufferedReader(Raw('héllo\nwörld\n'.encode())), encoding='utf-8')
print(t.readlines())
class W(io.RawIOBase):
    def __init__(self): self.chunks = []
    def writable(self): return True
    def write(self, b):
        self.chunks.append(bytes(b)); return len(b)
w = W()
bw = io.BufferedWriter(w, buffer_size=4)
bw.write(b'ab'); bw.write(b'cdefg'); bw.flush()
print(w.chunks)
for bad in [lambda: open(p, 'rw'), lambda: open(p, 'rb', encoding='x'), lambda: open(p, 'r', buffering=0),
            lambda: io.StringIO(1), lambda: io.StringIO('', newline='x'), lambda: open(p, 'q'),
            lambda: io.BytesIO('x'), lambda: open(p).write('x'), lambda: open(p, 'w').read(),
            lambda: io.StringIO().seek(-1), lambda: io.BytesIO().seek(0, 5), lambda: open('/'),
            lambda: open(p, encoding='nope'), lambda: open(3.5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
s = io.StringIO('a\nb\nc')
print(list(s), s.closed)
s.close()
try: s.read()
except ValueError as e: print(e)
b = io.BytesIO()
b.write(b'12345'); b.seek(8); b.write(b'x'); print(b.getvalue())
b.truncate(3); print(b.getvalue(), b.tell())
print(io.open is open, io.BytesIO.__mro__[1].__name__, io.UnsupportedOperation.__mro__[1:3])
f = open(p, 'rb', buffering=0); print(type(f).__name__, f.read(5), f.mode); f.close()
print(repr(open(p)).startswith("<_io.TextIOWrapper name=%r mode='r' encoding=" % p))
print(repr(open(p, 'rb')) == "<_io.BufferedReader name=%r>" % p)
d = io.IncrementalNewlineDecoder(None, True)
print(repr(d.decode('a\r')), repr(d.decode('\nb\r', final=True)), d.newlines)

import shutil
shutil.rmtree(D)
