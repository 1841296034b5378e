# A str iterator shared by four threads hands out each character exactly
# once: an ASCII str's claims indexes atomically, a non-ASCII one's walks
# its UTF-8 under the iterator's lock. Meanwhile one thread pickles the
# shared iterators (__reduce__ reads the position; the rebuilt iterator
# yields a suffix of the text), and a shared dict iterator is reduced while
# the others step it.
import pickle
import threading

THREADS = 4
ROUNDS = 30

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
barrier = threading.Barrier(THREADS)


def share(text):
    it = iter(text)
    seen = [[] for _ in range(THREADS)]

    def worker(k):
        barrier.wait()
        for ch in it:
            seen[k].append(ch)
            if k == 0 and len(seen[0]) % 50 == 0:
                rest = "".join(pickle.loads(pickle.dumps(it)))
                assert text.endswith(rest), rest[:20]

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = sorted(ch for part in seen for ch in part)
    assert got == sorted(text), (len(got), len(text))


for r in range(ROUNDS):
    share("abcdefghij" * 300)
    share("aé€𝄞z" * 600)

d = {i: str(i) for i in range(2000)}
shared = iter(d.items())
taken = [[] for _ in range(THREADS)]


def stepper(k):
    barrier.wait()
    for item in shared:
        taken[k].append(item)
        if k == 0:
            left = pickle.loads(pickle.dumps(shared))
            assert all(d[key] == value for key, value in left)


threads = [threading.Thread(target=stepper, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert sorted(item for part in taken for item in part) == sorted(d.items())
assert not failures, failures
print("ok")
