#!/usr/bin/env python3
"""A real program on the standard library: writes a folder of JSON-lines
log files, then parses them with a concurrent.futures.ThreadPoolExecutor,
each task one file (json.loads per line, a compiled regular expression on
each message, a collections.Counter per file), and merges the counts.
Plain CPython 3.11 code, run unchanged by ftpy; the README shows it scaling
on the free-threaded build and not on the GIL build.

    build/ftpy experiments/parse_files.py [--threads 2] [--files 16] [--lines 20000]
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import tempfile
import time

MESSAGE = re.compile(r"(?P<method>GET|POST|PUT) (?P<path>/\S+) (?P<status>\d{3}) in (?P<ms>\d+)ms")
METHODS = ["GET", "POST", "PUT"]


def write_logs(folder, files, lines):
    for f in range(files):
        with open(os.path.join(folder, f"app-{f:03}.jsonl"), "w", encoding="utf-8") as out:
            for i in range(lines):
                n = f * lines + i
                record = {"ts": 1_700_000_000 + n, "host": f"web{n % 7}",
                          "msg": f"{METHODS[n % 3]} /api/items/{n % 1000} {200 + (n % 5 == 0) * 300} in {n % 250}ms"}
                out.write(json.dumps(record) + "\n")


def parse_file(path):
    counts = collections.Counter()
    slow = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = MESSAGE.search(json.loads(line)["msg"])
            counts[m["method"], m["status"]] += 1
            slow += int(m["ms"]) >= 200
    return counts, slow


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--lines", type=int, default=20000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        write_logs(folder, args.files, args.lines)
        paths = sorted(os.path.join(folder, name) for name in os.listdir(folder))
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.threads) as pool:
            results = list(pool.map(parse_file, paths))
        seconds = time.perf_counter() - start
    total, slow = collections.Counter(), 0
    for counts, file_slow in results:
        total.update(counts)
        slow += file_slow
    n = args.files * args.lines
    assert sum(total.values()) == n and slow == sum(1 for k in range(n) if k % 250 >= 200)
    for (method, status), count in sorted(total.items()):
        print(f"{method} {status}: {count}")
    print(f"slow requests: {slow}")
    print(f"parsed {n} lines in {args.files} files on {args.threads} threads: {seconds:.2f} s")


if __name__ == "__main__":
    main()
