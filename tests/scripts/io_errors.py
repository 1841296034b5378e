# Bad arguments to open() and the io classes: CPython's error types and
# messages, case by case (checked against python3).
import io, os
p = '/tmp/ftpy_bad_%d' % os.getpid()
open(p, 'w').close()
cases = [
 "open(p, buffering='x')", "open(p, 'r', -2).read()", "open(p, encoding=5)", "open(p, errors=5)", "open(p, newline=5)",
 "open(p, newline='x')", "open(p, closefd=False)", "open(p, mode=5)", "open(p, 'rb', newline='')",
 "open(p, 'rb', errors='strict')", "open(p, 'rt+b')", "open(p, 'rr')", "open(p, '')", "open(p, 'w+a')",
 "open(None)", "open(-1)", "open(p, opener=lambda n, f: -1)", "open(p, opener=lambda n, f: 'x')",
 "io.FileIO(p, 'z')", "io.FileIO(p, 'rw')", "io.FileIO(1.5)", "io.BufferedReader(io.BytesIO(), 0)",
 "io.BufferedReader(io.BytesIO(), -1)", "io.BufferedWriter(open(p, 'rb', buffering=0))",
 "io.TextIOWrapper(io.BytesIO(), encoding=1)", "io.TextIOWrapper(io.BytesIO(), newline=1)",
 "io.TextIOWrapper(io.BytesIO(), encoding='rot13')", "io.TextIOWrapper(io.BytesIO(), encoding='a\\0b')",
 "io.StringIO().read('x')", "io.StringIO().read(1.5)", "io.BytesIO().read(1.5)", "io.BytesIO().seek('x')",
 "io.BytesIO().seek(1.5)", "io.StringIO().seek(1.5)", "io.TextIOWrapper(io.BytesIO(b'ab')).seek(-1)",
 "io.TextIOWrapper(io.BytesIO(b'ab')).seek(1, 1)", "io.TextIOWrapper(io.BytesIO(b'ab')).seek(0, 3)",
 "io.TextIOWrapper(io.BytesIO(b'ab')).readline('x')", "io.TextIOWrapper(io.BytesIO(b'ab')).read('x')",
 "io.TextIOWrapper(io.BytesIO(b'\\xff')).read()", "io.TextIOWrapper(io.BytesIO(b'\\xff'), errors='replace').read()",
 "io.TextIOWrapper(io.BytesIO(b'a\\xe9b'), encoding='utf-8', errors='surrogateescape').read()",
 "io.TextIOWrapper(io.BytesIO()).write(b'x')", "io.BufferedWriter(io.BytesIO()).write('x')",
 "io.BufferedReader(io.BytesIO(b'abc')).read(-2)", "io.BufferedReader(io.BytesIO(b'abc')).seek(0, 7)",
 "open(p, 'rb').write(b'x')", "open(p, 'wb').read()", "open(p).fileno() >= 0", "io.BytesIO(b'x').fileno()",
 "io.StringIO().fileno()", "io.StringIO().detach()", "io.BytesIO().detach()", "open(p, 'rb', buffering=0).read1(1)",
 "io.IncrementalNewlineDecoder(None, True).decode(b'x')", "io.IncrementalNewlineDecoder()", "io.IncrementalNewlineDecoder(None, True).setstate(5)",
 "io.StringIO('abc').truncate('x')", "io.BytesIO(b'abc').readlines('x')", "io.StringIO(newline='\\r\\n').newlines",
]
for c in cases:
    try:
        r = eval(c)
        print(c, '->', repr(r)[:60])
    except Exception as e:
        print(c, '!!', type(e).__name__, e)
os.remove(p)
