# unicodedata's tables made on first use (the filtered normalizers of both
# versions, the named-sequence table) raced for by four threads that start
# together; then normalization, lookups and properties from all of them.
# Every thread's answers, first and later, must equal the ones the main
# thread computes afterwards.
import threading
import unicodedata

THREADS = 4
ROUNDS = 1500

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
start = threading.Barrier(THREADS)
TEXT = "ﬁé\u0065\u0301Å\u212b\uac00\u1100\u1161 x²"
NAMES = ["KEYCAP DIGIT ZERO", "LATIN SMALL LETTER E WITH ACUTE", "BYTE ORDER MARK", "HANGUL SYLLABLE GA"]


def compute(db):
    return ([db.normalize(f, TEXT) for f in ("NFC", "NFD", "NFKC", "NFKD")],
            [db.is_normalized(f, TEXT) for f in ("NFC", "NFKD")],
            [db.category(c) + db.bidirectional(c) + db.decomposition(c) for c in TEXT],
            [db.lookup(n) if db is unicodedata else None for n in NAMES])


answers = [[] for _ in range(THREADS)]


def worker(k):
    start.wait()
    dbs = (unicodedata.ucd_3_2_0, unicodedata) if k % 2 else (unicodedata, unicodedata.ucd_3_2_0)
    first = {db.unidata_version: compute(db) for db in dbs}
    answers[k].append(first)
    for i in range(ROUNDS):
        db = dbs[i % 2]
        assert compute(db) == first[db.unidata_version]


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
expected = {db.unidata_version: compute(db) for db in (unicodedata, unicodedata.ucd_3_2_0)}
assert all(a == [expected] for a in answers), answers
print("ok")
