# zlib (src/modules/zlib.cc) against CPython 3.11: one-shot and streaming
# compression in every container format (zlib, raw deflate, gzip, automatic
# detection), max_length and unconsumed_tail, unused_data and eof, preset
# dictionaries, copies, flush modes, checksums, every error message, and
# the library modules on top (gzip, zipfile).
import gzip
import io
import zipfile
import zlib


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, repr(r) if not isinstance(r, bytes) or len(r) < 80 else (len(r), zlib.crc32(r)))


# Data that compresses well, data that does not, and the empty string.
text = b"".join(b"line %d of a test text that repeats itself\n" % i for i in range(3000))
noise = bytes((i * 2654435761 >> 13) & 0xFF for i in range(70000))
for data in (b"", b"a", text, noise):
    for level in (-1, 0, 1, 6, 9):
        packed = zlib.compress(data, level)
        assert zlib.decompress(packed) == data
    print("sizes", len(data), len(zlib.compress(data)), len(zlib.compress(data, 0)), len(zlib.compress(data, 9)))
    print("crc", zlib.crc32(data), zlib.adler32(data), zlib.crc32(data, 12345), zlib.adler32(data, 7))
print("deterministic", zlib.compress(text, 9) == zlib.compress(text, level=9))
print("bytearray and memoryview", zlib.decompress(bytearray(zlib.compress(text))) == text,
      zlib.decompress(memoryview(zlib.compress(text))[0:]) == text, zlib.crc32(bytearray(b"abc")), zlib.crc32(memoryview(b"abc")))

# Container formats: wbits 9..15 zlib, -9..-15 raw, 25..31 gzip, 40..47 automatic.
for wbits in (9, 15, -9, -15, 25, 31):
    c = zlib.compressobj(6, zlib.DEFLATED, wbits)
    packed = c.compress(text) + c.flush()
    print("wbits", wbits, packed[:2] if wbits > 0 else b"", zlib.decompress(packed, wbits) == text,
          zlib.decompress(packed, 47) == text if wbits > 0 else "-")
show("gzip data as zlib", lambda: zlib.decompress(zlib.compressobj(wbits=31).compress(b"x") + b""))
show("raw as zlib", lambda: zlib.decompress(zlib.compress(b"hello"), -15))
show("truncated", lambda: zlib.decompress(zlib.compress(text)[:-10]))
show("corrupt", lambda: zlib.decompress(b"x\x9c" + b"\xff" * 20))
show("small bufsize", lambda: zlib.decompress(zlib.compress(text), 15, 1) == text)
show("bufsize zero", lambda: zlib.decompress(zlib.compress(b"abc"), bufsize=0))

# Streaming compression: pieces, flush modes, copies.
c = zlib.compressobj(9)
parts = [c.compress(text[i:i + 1000]) for i in range(0, len(text), 1000)]
synced = c.flush(zlib.Z_SYNC_FLUSH)
print("sync flush ends with", synced[-4:])
fork = c.copy()
rest = c.compress(b"tail") + c.flush()
other = fork.compress(b"fork") + fork.flush()
head = b"".join(parts) + synced
print("streamed", zlib.decompress(head + rest) == text + b"tail", zlib.decompress(head + other) == text + b"fork")
print("no-flush flush", zlib.compressobj().flush(zlib.Z_NO_FLUSH))
for mode in (zlib.Z_PARTIAL_FLUSH, zlib.Z_FULL_FLUSH, zlib.Z_BLOCK):
    c = zlib.compressobj()
    out = c.compress(b"abc" * 100) + c.flush(mode) + c.compress(b"def") + c.flush()
    print("mode", mode, zlib.decompress(out) == b"abc" * 100 + b"def")
c = zlib.compressobj()
c.compress(b"x")
c.flush()
show("compress after finish", lambda: c.compress(b"y"))
show("flush after finish", lambda: c.flush())
show("copy after finish", lambda: c.copy())
import copy as copy_module
c = zlib.compressobj()
head = c.compress(b"copied")
print("copy module", zlib.decompress(head + copy_module.copy(c).flush()) == b"copied",
      zlib.decompress(head + copy_module.deepcopy(c).flush()) == b"copied")

# Streaming decompression.
packed = zlib.compress(text) + b"TRAILER"
d = zlib.decompressobj()
out = []
for i in range(0, len(packed), 777):
    out.append(d.decompress(packed[i:i + 777]))
print("pieces", b"".join(out) == text, d.eof, d.unused_data, d.unconsumed_tail, d.flush())
d = zlib.decompressobj()
got = d.decompress(packed, 100)
print("max_length", len(got), len(d.unconsumed_tail), d.eof)
chunks = [got]
while d.unconsumed_tail and not d.eof:
    chunks.append(d.decompress(d.unconsumed_tail, 5000))
print("drained", b"".join(chunks) == text, d.eof, d.unused_data, d.unconsumed_tail, len(chunks))
d = zlib.decompressobj()
first = d.decompress(zlib.compress(text)[:500])
print("flush finishes", first + d.flush() == text[:len(first + d.flush())], d.eof)
d = zlib.decompressobj()
half = zlib.compress(text)
start = d.decompress(half[:len(half) // 2])
fork = d.copy()
print("decompress copy", start + d.decompress(half[len(half) // 2:]) == text,
      start + fork.decompress(half[len(half) // 2:]) == text)
d = zlib.decompressobj()
d.decompress(zlib.compress(b"a"))
print("after end", d.flush(), d.eof)
show("decompress after flush", lambda: d.decompress(b"a"))
show("copy after flush", lambda: d.copy())
d = zlib.decompressobj()
print("unused then more", d.decompress(zlib.compress(b"abc") + b"xy"), d.decompress(b"z"), d.unused_data)

# Preset dictionaries.
zdict = b"line of a test text that repeats itself"
c = zlib.compressobj(zdict=zdict)
packed = c.compress(text[:500]) + c.flush()
print("zdict", len(packed) < len(zlib.compress(text[:500])),
      zlib.decompressobj(zdict=zdict).decompress(packed) == text[:500])
show("zdict missing", lambda: zlib.decompressobj().decompress(packed))
show("zdict wrong", lambda: zlib.decompressobj(zdict=b"other").decompress(packed))
show("zdict one-shot", lambda: zlib.decompress(packed))
c = zlib.compressobj(wbits=-15, zdict=zdict)
raw = c.compress(text[:500]) + c.flush()
print("raw zdict", zlib.decompressobj(wbits=-15, zdict=bytearray(zdict)).decompress(raw) == text[:500])

# Argument errors, as CPython words them.
show("e1", lambda: zlib.compress())
show("e2", lambda: zlib.compress(data=b"x"))
show("e3", lambda: zlib.compress(b"", 1, 2, 3))
show("e4", lambda: zlib.compress(b"", level=1.0))
show("e5", lambda: zlib.compress(b"", level=2 ** 40))
show("e6", lambda: zlib.compress(b"", level=12))
show("e7", lambda: zlib.compress("abc"))
show("e8", lambda: zlib.compressobj(zdict=None))
show("e9", lambda: zlib.compressobj(level=99))
show("e10", lambda: zlib.compressobj(memLevel=0))
show("e11", lambda: zlib.compressobj().flush(1, 2))
show("e12", lambda: zlib.compressobj().compress())
show("e13", lambda: zlib.decompressobj(zdict=None))
show("e14", lambda: zlib.decompressobj(wbits=99))
show("e15", lambda: zlib.decompressobj().decompress(b"", -1))
show("e16", lambda: zlib.decompressobj().decompress(b"", max_length=1, x=2))
show("e17", lambda: zlib.decompressobj().flush(0))
show("e18", lambda: zlib.decompress(b"", bufsize=-1))
show("e19", lambda: zlib.crc32("x"))
show("e20", lambda: zlib.crc32(b"x", 2 ** 40 + 5))
show("e21", lambda: zlib.adler32(b"x", -1))
show("e22", lambda: zlib.crc32(b"x", 1.0))
show("e23", lambda: zlib.crc32(data=b"x"))
show("e24", lambda: zlib.crc32())
show("e25", lambda: type(zlib.compressobj())())
show("e26", lambda: zlib.decompress(b"x\xbb\x00\x00\x00\x01"))
show("e27", lambda: zlib.decompressobj().decompress(b"", max_length=2 ** 70))

print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.DEF_MEM_LEVEL, zlib.DEF_BUF_SIZE, zlib.Z_BEST_COMPRESSION,
      zlib.Z_DEFAULT_COMPRESSION, zlib.Z_FINISH, zlib.Z_TREES, zlib.__version__, zlib.ZLIB_VERSION == zlib.ZLIB_RUNTIME_VERSION)
print(zlib.error.__mro__, type(zlib.compressobj()), type(zlib.decompressobj()))
print(sorted(n for n in dir(zlib.decompressobj()) if not n.startswith("_")))

# The library on top.
blob = gzip.compress(text, mtime=0)
print("gzip", len(blob), gzip.decompress(blob) == text, gzip.decompress(blob + gzip.compress(b"!", mtime=0)) == text + b"!")
buf = io.BytesIO()
with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
    for i in range(0, len(text), 4096):
        f.write(text[i:i + 4096])
buf.seek(0)
with gzip.GzipFile(fileobj=buf) as f:
    print("GzipFile", f.read(100) == text[:100], len(f.read()) == len(text) - 100)
show("gzip bad", lambda: gzip.decompress(b"\x1f\x8b" + b"\x00" * 20))
zbuf = io.BytesIO()
with zipfile.ZipFile(zbuf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("a.txt", text)
    z.writestr("b.bin", noise)
with zipfile.ZipFile(io.BytesIO(zbuf.getvalue())) as z:
    print("zipfile", z.namelist(), z.read("a.txt") == text, z.read("b.bin") == noise, z.testzip(),
          [i.compress_type for i in z.infolist()])
