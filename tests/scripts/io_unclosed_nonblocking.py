# io at CPython 3.11's edges: BlockingIOError's characters_written (its
# third argument when a number, an exact BlockingIOError only), a buffered
# writer over a raw stream that stops accepting (as much as fits is
# buffered, the error says how much was taken, the rest is lost), and the
# ResourceWarning for a file left open when it dies (FileIO, buffered and
# text files; not for closefd=False or closed ones).
import gc
import io
import os
import tempfile
import warnings

e = BlockingIOError(11, "msg", 5)
print(e.characters_written, str(e), e.args, e.filename)
e = BlockingIOError(11, "msg")
try:
    e.characters_written
except AttributeError:
    print("AttributeError")
e.characters_written = 3
print(e.characters_written)
del e.characters_written
e = BlockingIOError(11, "msg", "file")
print(repr(e.filename), str(e), e.args)
for third in (2.5, 2**70):
    try:
        BlockingIOError(11, "msg", third)
    except (TypeError, ValueError) as err:
        print(type(err).__name__, err)
print(OSError(11, "m", 5).characters_written, type(OSError(11, "m", 5)).__name__)


class Sub(BlockingIOError):
    pass


print(Sub(11, "m", 5).filename)


class Raw(io.RawIOBase):
    """Takes at most `limit` more bytes, then would block (returns None)."""

    def __init__(self):
        self.written = b""
        self.limit = None

    def writable(self):
        return True

    def write(self, b):
        n = len(b) if self.limit is None else min(len(b), self.limit)
        if self.limit is not None:
            self.limit -= n
        if n == 0:
            return None
        self.written += bytes(b[:n])
        return n


def write(buf, data):
    try:
        return buf.write(data)
    except BlockingIOError as err:
        return ("BlockingIOError", err.characters_written, err.args[1])  # errno: see design/io.md


raw = Raw()
buf = io.BufferedWriter(raw, 8)
print(write(buf, b"abcd"), write(buf, b"efghi"))
raw.limit = 1
print(write(buf, b"jklmn"), raw.written)
raw.limit = 8
print(write(buf, b"opqrwxyz0123456789"), raw.written)
raw.limit = None
print(write(buf, b"ABCDEFGHI"), raw.written)
raw.limit = 0
print(write(buf, b"0123456789ABCDEFGHIJ"), raw.written)
raw.limit = None
buf.flush()
print(raw.written)

path = tempfile.mktemp()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    reprs = []
    f = open(path, "wb")
    reprs.append(repr(f))
    del f
    f = open(path, "rb", buffering=0)
    reprs.append(repr(f))
    del f
    f = open(path, "w")
    reprs.append(repr(f))
    del f
    f = open(path, "wb")
    f.close()
    del f
    fd = os.open(path, os.O_RDONLY)
    f = open(fd, "rb", closefd=False)
    del f
    os.close(fd)
    gc.collect()
    print([(x.category.__name__, str(x.message) == "unclosed file " + r) for x, r in zip(w, reprs)], len(w))
os.unlink(path)
