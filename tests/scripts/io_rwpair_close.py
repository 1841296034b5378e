# BufferedRWPair over a pipe's two ends, and close() chaining: a flush error
# becomes the __context__ of the inner close's error (checked against python3).
import io, os
r, w = os.pipe()
p = io.BufferedRWPair(io.FileIO(r, 'rb'), io.FileIO(w, 'wb'))
p.write(b'hello\n'); p.flush()
print(p.readline() if hasattr(p, 'readline') else None, p.readable(), p.writable(), p.closed)
p.write(b'abc'); p.flush(); print(p.read(3), p.peek(0) if False else '')
p.close(); print(p.closed)
class BadRaw(io.RawIOBase):
    def writable(self): return True
    def write(self, b): raise OSError('write failed')
    def close(self): raise ValueError('close failed')
b = io.BufferedWriter(BadRaw()); b.write(b'x')
try: b.close()
except Exception as e: print(type(e).__name__, e, type(e.__context__).__name__, e.__context__)
t = io.TextIOWrapper(io.BufferedWriter(BadRaw()), encoding='ascii'); t.write('x')
try: t.close()
except Exception as e: print(type(e).__name__, e, type(e.__context__).__name__)
