# _struct from four threads: one Struct shared by all packs and unpacks
# exact round trips; the module cache is filled and cleared concurrently;
# one iter_unpack iterator shared by all hands out each record once; and
# pack_into writes disjoint slots of one bytearray, every slot intact.
import struct
import threading

THREADS = 4
ROUNDS = 2000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
shared = struct.Struct("<iqd2s")
records = b"".join(struct.pack("<Ii", n, -n) for n in range(ROUNDS))
it = struct.iter_unpack("<Ii", records)
seen = [[] for _ in range(THREADS)]
target = bytearray(8 * THREADS * ROUNDS)


def run(target_fn):
    threads = [threading.Thread(target=target_fn, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def worker(k):
    for i in range(ROUNDS):
        v = (k * ROUNDS + i, -(k << 40) - i, i / 4, bytes([k, i % 256]))
        assert shared.unpack(shared.pack(*v)) == v
        fmt = "<%di" % (i % 150 + 1)  # more formats than the cache holds
        assert struct.calcsize(fmt) == 4 * (i % 150 + 1)
        if i % 500 == 0:
            struct._clearcache()
        struct.pack_into("<Q", target, 8 * (k * ROUNDS + i), k * ROUNDS + i)
    for rec in it:
        seen[k].append(rec)


run(worker)
assert not failures, failures
everything = sorted(seen[0] + seen[1] + seen[2] + seen[3])
assert everything == [(n, -n) for n in range(ROUNDS)], len(everything)
assert [v for (v,) in struct.iter_unpack("<Q", target)] == list(range(THREADS * ROUNDS))
print("ok")
