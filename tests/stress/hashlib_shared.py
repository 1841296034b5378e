# Hash objects shared by four threads (src/modules/hashlib.cc, blake2.cc):
# each object's update, digest and copy hold its mutex, and updates of at
# least 2048 bytes run detached. Three threads feed the same chunk into one
# object with no lock of their own while a fourth reads digests and copies:
# since every chunk is the same, the order cannot matter, so every digest
# seen must be that of exactly j chunks for some j, and the final one that
# of all of them. A torn, lost or doubled update would give another digest.
import hashlib
import hmac
import threading

FEEDERS = 3
ROUNDS = 150

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)

MAKERS = {
    "sha256": lambda: hashlib.sha256(),
    "md5": lambda: hashlib.md5(),
    "sha3_256": lambda: hashlib.sha3_256(),
    "shake_128": lambda: hashlib.shake_128(),
    "blake2b": lambda: hashlib.blake2b(key=b"k", digest_size=32),
    "blake2s": lambda: hashlib.blake2s(salt=b"s"),
    "hmac": lambda: hmac.new(b"key", digestmod="sha256"),
}


def digest(h):
    return h.digest(16) if isinstance(h, type(hashlib.shake_128())) else h.digest()


for chunk in (b"xy", b"0123456789abcdef" * 200):  # the short and the detached path
    for name, make in MAKERS.items():
        total = FEEDERS * ROUNDS
        running = make()
        valid = {digest(running)}
        for j in range(1, total + 2):  # a copy may add one more
            running.update(chunk)
            valid.add(digest(running))
            if j == total:
                final_expected = digest(running)
        shared = make()
        start = threading.Barrier(FEEDERS + 1)
        done = threading.Event()
        seen = []

        def feeder():
            start.wait()
            for _ in range(ROUNDS):
                shared.update(chunk)

        def reader():
            start.wait()
            while not seen or not done.is_set():
                seen.append(digest(shared))
                c = shared.copy()
                seen.append(digest(c))
                c.update(chunk)  # a copy is independent of the original
                seen.append(digest(c))

        feeders = [threading.Thread(target=feeder) for _ in range(FEEDERS)]
        r = threading.Thread(target=reader)
        r.start()
        for t in feeders:
            t.start()
        for t in feeders:
            t.join()
        done.set()
        r.join()
        assert digest(shared) == final_expected, (name, len(chunk))
        assert seen and all(d in valid for d in seen), (name, len(chunk))
assert not failures, failures
print("ok")
