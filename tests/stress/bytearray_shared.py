# A bytearray shared by threads. Every mutation (append, +=, extend, slice
# deletion, item assignment) is atomic: no byte is lost or duplicated, and a
# reader never sees a half-done resize: each snapshot is whole 4-byte chunks.
import threading

THREADS = 4
N = 100000

# Appends from several threads: exactly N bytes of each thread's value.
ba = bytearray()
start = threading.Barrier(THREADS)


def appender(tid):
    start.wait()
    for _ in range(N):
        ba.append(tid)


workers = [threading.Thread(target=appender, args=(t,)) for t in range(THREADS)]
for w in workers:
    w.start()
for w in workers:
    w.join()
assert len(ba) == THREADS * N, len(ba)
for t in range(THREADS):
    assert ba.count(t) == N, (t, ba.count(t))

# Writers add whole chunks while readers snapshot, slice, search and measure.
shared = bytearray()
CHUNK = b"abcd"
stop = threading.Event()
bad = []


def writer(use_iadd):
    global shared
    for i in range(N // 4):
        if use_iadd:
            shared += CHUNK
        else:
            shared.extend(CHUNK)


def reader():
    while not stop.is_set():
        snap = bytes(shared)
        if len(snap) % 4 or snap != CHUNK * (len(snap) // 4):
            bad.append(len(snap))
        tail = shared[-4:]
        if tail not in (b"", CHUNK):
            bad.append(bytes(tail))
        if shared.find(b"da") not in (-1, 3):
            bad.append("find")


readers = [threading.Thread(target=reader) for _ in range(2)]
writers = [threading.Thread(target=writer, args=(i % 2 == 0,)) for i in range(2)]
for t in readers + writers:
    t.start()
for t in writers:
    t.join()
stop.set()
for t in readers:
    t.join()
assert not bad, bad[:5]
assert shared == CHUNK * (2 * (N // 4)), len(shared)

# Deleting chunks from the front while others append: the final size is exact.
queue = bytearray(CHUNK * 5000)
DELETES = 2000


def deleter():
    for _ in range(DELETES):
        del queue[:4]


def extender(use_iadd):
    global queue
    for _ in range(DELETES):
        if use_iadd:
            queue += CHUNK
        else:
            queue.extend(CHUNK)


threads = [threading.Thread(target=deleter) for _ in range(2)]
threads += [threading.Thread(target=extender, args=(k == 0,)) for k in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert queue == CHUNK * 5000, len(queue)

# Threads update disjoint items in place while another copies and searches
# the whole array: every item ends exactly ROUNDS increments later.
ROUNDS = 200
items = bytearray(range(256)) * 4
done = threading.Event()


def incrementer(lo, hi):
    for _ in range(ROUNDS):
        for i in range(lo, hi):
            items[i] = (items[i] + 1) % 256


def copier():
    while not done.is_set():
        snap = bytes(items)
        assert len(snap) == 1024
        items.find(b"\x00\x01")


copiers = [threading.Thread(target=copier)]
threads = [threading.Thread(target=incrementer, args=(k * 256, (k + 1) * 256)) for k in range(4)]
for t in copiers + threads:
    t.start()
for t in threads:
    t.join()
done.set()
for t in copiers:
    t.join()
assert items == bytearray((i + ROUNDS) % 256 for i in range(256)) * 4
print("bytearray_shared ok")
