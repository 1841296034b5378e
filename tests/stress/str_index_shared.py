# The side index of non-ASCII strings (src/objects/str_index.cc) is built
# lazily by whichever thread first needs it, and `re` adds the decoded code
# points the same way: here several threads race to be first on fresh
# strings (indexing, find, slicing, regex search), each checking every
# answer against values computed before the threads started from a private
# copy. A lost or torn index would give a wrong character or span. Then
# owners scan their strings (moving the owner-only cursor) while others
# index them.
import re
import threading

THREADS = 4
ROUNDS = 60
failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)

WORD = re.compile(r"[\u00e0-\u00ff]+")


def make(k):
    # Different per round, so every round starts with no index.
    return "".join(chr(0x61 + (i * k) % 26) if (i + k) % 5 else chr(0xE0 + (i + k) % 32) for i in range(3000)) + \
        "\U0001F600" * (k % 70 + 1)


cases = []
for r in range(ROUNDS):
    s = make(r + 1)
    probes = [(i, s[i], s[i:i + 3]) for i in range(0, len(s), 97)]
    spans = [m.span() for m in WORD.finditer(s)]
    cases.append((s, probes, spans, s.find("\U0001F600")))

# Fresh objects with the same text: the precomputed ones above already have
# their indexes.
shared = [("x" + s)[1:] for s, _, _, _ in cases]
barrier = threading.Barrier(THREADS)
done = [0] * THREADS


def worker(k):
    for r in range(ROUNDS):
        barrier.wait()
        s = shared[r]
        _, probes, spans, emoji = cases[r]
        order = probes if k % 2 else probes[::-1]
        for i, ch, three in order:
            assert s[i] == ch and s[i:i + 3] == three, (r, i)
        assert s.find("\U0001F600") == emoji
        pos, got = 0, []
        while (m := WORD.search(s, pos)) is not None:
            got.append(m.span())
            pos = m.end()
        assert got == spans, r
        done[k] += 1


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
assert done == [ROUNDS] * THREADS, done

# The owner's cursor (the last position it indexed, kept in the side index
# for scans): one thread owns each string (it made it) and scans it forward
# and backward, moving the cursor, while the others index the same string
# at positions that straddle it. Every character is checked.
owned = [None] * THREADS
texts = [cases[r][0] for r in range(THREADS)]
scanned = [0] * THREADS
ready = threading.Barrier(THREADS)


def scanner(k):
    owned[k] = ("y" + texts[k])[1:]  # made here: this thread owns it
    ready.wait()
    for r in range(3):
        for j in range(THREADS):
            s, expect = owned[(k + j) % THREADS], texts[(k + j) % THREADS]
            order = range(len(s)) if (r + j) % 2 == 0 else range(len(s) - 1, -1, -1)
            for i in order:
                if s[i] != expect[i]:
                    failures.append((k, j, i))
                    break
            scanned[k] += 1


threads = [threading.Thread(target=scanner, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures[:5]
assert scanned == [3 * THREADS] * THREADS, scanned
print("ok")
