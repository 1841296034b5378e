# A log-processing pipeline on the standard library: each thread parses its
# share of JSON log lines (json.loads on the native _json), matches the
# message with one compiled regular expression shared by every thread
# (_sre), and tallies methods and levels in a collections.Counter; the
# partial tallies are merged at the end. The lines are made before the
# clock starts; the totals are checked against arithmetic.
import collections
import json
import re

from common import parse_args, report, run_parts

LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR"]
METHODS = ["GET", "POST", "PUT"]
MESSAGE = re.compile(r"user(?P<user>\d+) (?P<method>[A-Z]+) (?P<path>/\S+) took (?P<ms>\d+)ms")


def make_line(i):
    return json.dumps({"ts": 1_700_000_000 + i, "level": LEVELS[i % 4],
                       "msg": f"user{i % 97} {METHODS[i % 3]} /api/v{i % 3}/items/{i} took {i % 500}ms",
                       "tags": ["web", "api"], "ok": i % 5 != 0})


def parse(lines):
    tally = collections.Counter()
    total_ms = 0
    for line in lines:
        record = json.loads(line)
        m = MESSAGE.fullmatch(record["msg"])
        tally[m["method"]] += 1
        tally[record["level"]] += 1
        total_ms += int(m["ms"])
    return tally, total_ms


threads, total = parse_args(200_000)
lines = [make_line(i) for i in range(total)]
share = total // threads
seconds, parts = run_parts(lambda k: parse(lines[k * share:(k + 1) * share]), threads)
tally = collections.Counter()
for part, _ in parts:
    tally.update(part)
n = share * threads
expected = collections.Counter()
for i in range(n):
    expected[METHODS[i % 3]] += 1
    expected[LEVELS[i % 4]] += 1
assert tally == expected, (tally, expected)
assert sum(ms for _, ms in parts) == sum(i % 500 for i in range(n))
report("log_parse", threads, seconds)
