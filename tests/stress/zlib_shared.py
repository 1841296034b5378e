# zlib objects shared by four threads (src/modules/zlib.cc: each operation
# holds the object's mutex and runs zlib detached).
# Part 1: the threads feed whole records into one Compress object, and
# some also sync-flush it or copy it and finish the copy. Every copy, and
# the object's own final output, decompresses to a sequence of whole
# records (an operation is never torn), and the final one holds every
# record exactly once.
# Part 2: one thread decompresses a stream into a shared Decompress object
# piece by piece while the others read eof, unused_data and unconsumed_tail
# and copy it: each copy finishes with the rest of the input to the whole
# text, and the attributes are only ever states the stream passes through.
# Part 3: one-shot compress/decompress of private data from every thread.
import threading
import zlib

THREADS = 4
RECORDS = 1000
RECORD = 64

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)


def record(k, i):
    head = b"%d:%05d:" % (k, i)
    return head + bytes([65 + (k * 7 + i) % 26]) * (RECORD - len(head))


def records_of(data):
    assert len(data) % RECORD == 0, len(data)
    out = [data[j:j + RECORD] for j in range(0, len(data), RECORD)]
    for r in out:
        k, i = r.split(b":")[:2]
        assert r == record(int(k), int(i)), r
    return out


# Part 1 ----------------------------------------------------------------
shared_c = zlib.compressobj(6)
pieces = []  # (order, bytes) from compress() and flush() calls
pieces_lock = threading.Lock()
copies = []  # (pieces before, pieces after, the copy's flush)
start = threading.Barrier(THREADS)
order = [0]


def feeder(k):
    start.wait()
    for i in range(RECORDS):
        # compress() and the append of its output are ordered by a lock,
        # so that `pieces` is the stream in order; the copies race with them.
        with pieces_lock:
            pieces.append(shared_c.compress(record(k, i)))
        if k == 1 and i % 50 == 0:
            with pieces_lock:
                pieces.append(shared_c.flush(zlib.Z_SYNC_FLUSH))
        if k >= 2 and i % 40 == 0:
            # A copy taken while other threads compress into the original:
            # it holds the state after some n calls, with n between the
            # pieces appended before and just after it.
            before = len(pieces)
            fork = shared_c.copy()
            after = len(pieces)
            copies.append((before, after, fork.flush()))


threads = [threading.Thread(target=feeder, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
final = b"".join(pieces) + shared_c.flush()
got = records_of(zlib.decompress(final))
assert sorted(got) == sorted(record(k, i) for k in range(THREADS) for i in range(RECORDS)), len(got)
for k in range(THREADS):  # each thread's records stay in its own order
    mine = [r for r in got if r.startswith(b"%d:" % k)]
    assert mine == [record(k, i) for i in range(RECORDS)]
assert len(copies) == 2 * (RECORDS // 40), len(copies)


def whole_records_after(n, tail):
    try:
        return records_of(zlib.decompress(b"".join(pieces[:n]) + tail))
    except (zlib.error, AssertionError, ValueError):
        return None


for before, after, tail in copies:
    found = [n for n in range(before, after + 2) if whole_records_after(n, tail) is not None]
    assert found, (before, after)
    assert set(whole_records_after(found[0], tail)) <= set(got)

# Part 2 ----------------------------------------------------------------
text = b"".join(record(k, i) for i in range(300) for k in range(THREADS))
stream = zlib.compress(text, 9) + b"TRAILER"
shared_d = zlib.decompressobj()
done = threading.Event()
fed = [0]  # how much of stream has been fed (written only by the feeder)
out_lock = threading.Lock()
outputs = []


def decompressor():
    start2.wait()
    for j in range(0, len(stream), 97):
        with out_lock:
            outputs.append(shared_d.decompress(stream[j:j + 97]))
            fed[0] = min(j + 97, len(stream))
    done.set()


def observer(k):
    start2.wait()
    checked = 0
    while not done.is_set() or checked == 0:
        # unused_data before eof: both change in one locked operation, so
        # trailing data seen means the end was seen.
        unused, eof, tail = shared_d.unused_data, shared_d.eof, shared_d.unconsumed_tail
        assert tail == b"", tail
        assert unused in (b"", b"T", b"TR", b"TRA", b"TRAI", b"TRAIL", b"TRAILE", b"TRAILER"), unused
        assert eof or unused == b"", (eof, unused)
        with out_lock:
            so_far = b"".join(outputs)
            fork = shared_d.copy()
            position = fed[0]
        rest = fork.decompress(stream[position:])
        assert so_far + rest == text, (len(so_far), len(rest))
        checked += 1


start2 = threading.Barrier(THREADS)
threads = [threading.Thread(target=decompressor)] + [threading.Thread(target=observer, args=(k,))
                                                      for k in range(1, THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert b"".join(outputs) == text
assert shared_d.eof and shared_d.unused_data == b"TRAILER"


# Part 3 ----------------------------------------------------------------
def private(k):
    for i in range(200):
        data = b"".join(record(k, j) for j in range(i % 37))
        assert zlib.decompress(zlib.compress(data, i % 10)) == data
        assert zlib.crc32(data) == zlib.crc32(data[7:], zlib.crc32(data[:7]))
        assert zlib.adler32(data) == zlib.adler32(data[5:], zlib.adler32(data[:5]))


threads = [threading.Thread(target=private, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
print("ok")
