# _string.formatter_parser and formatter_field_name_split iterators shared
# by several threads: each piece of the format string must be handed out
# exactly once (the position advances under the iterator's critical
# section), whichever thread takes it.
import _string
import threading

THREADS = 4
ROUNDS = 200
FIELDS = 300

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)

text = "".join("lit%d{f%d!r:>%d}" % (i, i, i) for i in range(FIELDS))
name = "head" + "".join(".a%d[%d]" % (i, i) for i in range(FIELDS))


def drain(it, out, barrier):
    barrier.wait()
    local = []
    for piece in it:
        local.append(piece)
    out.extend(local)


for round_ in range(ROUNDS):
    barrier = threading.Barrier(THREADS)
    pieces, parts = [], []
    it = _string.formatter_parser(text)
    head, rest = _string.formatter_field_name_split(name)
    threads = [threading.Thread(target=drain, args=(it if t % 2 == 0 else rest, pieces if t % 2 == 0 else parts,
                                                     barrier)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    assert head == "head"
    assert sorted(pieces) == sorted(("lit%d" % i, "f%d" % i, ">%d" % i, "r") for i in range(FIELDS)), round_
    expected_parts = [(True, "a%d" % i) for i in range(FIELDS)] + [(False, i) for i in range(FIELDS)]
    assert sorted(parts) == sorted(expected_parts), round_
print("ok", ROUNDS)
