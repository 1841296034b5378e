# _csv objects shared by four threads: one reader over records that span
# several lines (quoted newlines), so a record is assembled across many
# input lines under the reader's lock, must hand each record out once and
# whole; one writer whose file collects write() calls must get each row as
# one whole line; dialects are registered and dropped meanwhile. Exact sets
# at the end.
import csv
import io
import sys
import threading

THREADS = 4
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3000

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
start = threading.Barrier(THREADS)

# Record i: i, a field with a quoted newline and comma, a quoted quote.
lines = []
for i in range(THREADS * ROUNDS):
    lines.append(f'{i},"part one of {i}\n')
    lines.append(f'part two, of {i}","q""{i}"\n')
reader = csv.reader(iter(lines))
seen = [[] for _ in range(THREADS)]


class Collect:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)  # list.append: atomic per call
        return len(text)


sink = Collect()
writer = csv.writer(sink)


def worker(k):
    start.wait()
    mine = seen[k]
    for row in reader:
        i = int(row[0])
        assert row == [str(i), f"part one of {i}\npart two, of {i}", f'q"{i}'], row
        mine.append(i)
        writer.writerow([k, i, f"x,{i}", f'say "{i}"', None])
        if i % 97 == 0:
            name = f"d{k}"
            csv.register_dialect(name, delimiter=";", quoting=csv.QUOTE_ALL)
            assert csv.get_dialect(name).delimiter == ";"
            csv.unregister_dialect(name)


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert not failures, failures
n = THREADS * ROUNDS
got = sorted(i for mine in seen for i in mine)
assert got == list(range(n)), (len(got), n)
assert reader.line_num == 2 * n, reader.line_num
assert len(sink.parts) == n, len(sink.parts)
rows = list(csv.reader(io.StringIO("".join(sink.parts), newline="")))
assert sorted(int(r[1]) for r in rows) == list(range(n))
for r in rows:
    i = r[1]
    assert r[2:] == [f"x,{i}", f'say "{i}"', ""], r
assert sorted(csv.list_dialects()) == ["excel", "excel-tab", "unix"]
print("ok", n)
