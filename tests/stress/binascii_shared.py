# binascii from four threads: private data round-trips exactly through hex,
# base64 and crc32, while one shared bytearray is resized and rewritten by
# one thread and encoded by the others: each encoding is that of one whole
# state of the buffer (a copy is taken), never a torn one.
import binascii
import threading

THREADS = 4
ROUNDS = 3000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
shared = bytearray(b'\x00' * 16)
states = {bytes([k]) * n for k in range(4) for n in (16, 40)} | {b'\x00' * 16}
start = threading.Barrier(THREADS)


def worker(k):
    start.wait()
    for i in range(ROUNDS):
        data = bytes((k * 31 + i + j) % 256 for j in range(i % 50))
        assert binascii.unhexlify(binascii.hexlify(data)) == data
        assert binascii.a2b_base64(binascii.b2a_base64(data)) == data
        assert binascii.crc32(data) == binascii.crc32(data[10:], binascii.crc32(data[:10]))
        if k == 0:
            shared[:] = bytes([i % 4]) * (16 if i % 2 else 40)
        else:
            seen = binascii.unhexlify(binascii.hexlify(shared))
            assert seen in states, seen


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
print("ok")
