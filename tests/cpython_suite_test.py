#!/usr/bin/env python3
"""Runs one of CPython's regression-test modules under ftpy and compares each
test's outcome with the module's list in tests/cpython/MODULE.txt.

  cpython_suite_test.py FTPY MODULE [--build ft|gil] [--update]

A list holds one test per line, `KIND ID  # why`:
  fail        fails or raises on ftpy today (CPython passes it)
  flaky       may pass or fail (timing, threads)
  leave-out   not run at all: it crashes or hangs ftpy, which the note says
KIND may end in `@ft` or `@gil` to apply to that build only.
The test fails when a test not listed fails (a regression), when a listed
`fail` passes (the list must shrink with the fix, so the counts in
design/testing.md stay true), or when the interpreter crashes or hangs (the
last test it started is named). --update rewrites the list from this run,
keeping the leave-out and flaky lines and the notes.
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RANK = {"pass": 0, "skip": 0, "xfail": 0, "xpass": 1, "fail": 2, "error": 3}


def read_list(path, build):
    entries, lines = {}, []
    if os.path.exists(path):
        with open(path) as f:
            lines = f.read().splitlines()
    for line in lines:
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        kind, test_id = body.split(None, 1)
        kind, _, only = kind.partition("@")
        if only and only != build:
            continue
        entries[test_id.strip()] = kind
    return entries, lines


def run(ftpy, module, leave_out, timeout):
    with tempfile.TemporaryDirectory() as work:
        results = os.path.join(work, "results.txt")
        cmd = [ftpy, os.path.join(HERE, "cpython", "runner.py"), module, results, *leave_out]
        env = dict(os.environ, PYTHONHASHSEED="0")
        try:
            proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True,
                                  errors="replace", timeout=timeout)
            code, log = proc.returncode, proc.stdout + proc.stderr
        except subprocess.TimeoutExpired as e:
            code, log = "timeout", (e.stdout or b"").decode(errors="replace") + (e.stderr or b"").decode(errors="replace")
        lines = open(results).read().splitlines() if os.path.exists(results) else []
    return code, log, lines


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ftpy")
    ap.add_argument("module")
    ap.add_argument("--build", choices=["ft", "gil"], default="ft")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args()
    args.ftpy = os.path.abspath(args.ftpy)

    list_path = os.path.join(HERE, "cpython", args.module + ".txt")
    known, list_lines = read_list(list_path, args.build)
    leave_out = sorted(i for i, k in known.items() if k == "leave-out")
    code, log, lines = run(args.ftpy, args.module, leave_out, args.timeout)

    outcome, started = {}, None
    for line in lines:
        kind, _, test_id = line.partition(" ")
        if kind == "START":
            started = test_id
        elif kind in RANK:
            if RANK[kind] >= RANK.get(outcome.get(test_id), -1):
                outcome[test_id] = kind
            started = None
    finished = bool(lines) and lines[-1] == "DONE"

    problems = []
    if not finished:
        where = f" in {started}" if started else ""
        problems.append(f"the interpreter stopped ({code}){where}; list it as leave-out if it cannot be fixed now")
    failing = {i for i, k in outcome.items() if RANK[k] >= 2}
    for test_id in sorted(failing):
        if known.get(test_id) not in ("fail", "flaky"):
            problems.append(f"regression: {test_id} {outcome[test_id]}s")
    for test_id, kind in sorted(known.items()):
        if kind == "fail" and outcome.get(test_id) in ("pass", "xpass"):
            problems.append(f"now passes, remove it from the list: {test_id}")

    counts = {}
    for kind in outcome.values():
        counts[kind] = counts.get(kind, 0) + 1
    ran = sum(counts.get(k, 0) for k in ("pass", "fail", "error", "xfail", "xpass"))
    print(f"{args.module} ({args.build}): {ran} run, {counts.get('pass', 0) + counts.get('xfail', 0)} pass, "
          f"{len(failing)} fail or raise, {counts.get('skip', 0)} skipped, {len(leave_out)} left out")

    if args.update and finished:
        keep = [l for l in list_lines if l.split("#", 1)[0].strip().split(None, 1)[:1] and
                l.split()[0].partition("@")[0] in ("leave-out", "flaky")]
        notes = {l.split("#", 1)[0].split(None, 1)[1].strip(): l for l in list_lines
                 if l.split("#", 1)[0].strip() and l.split()[0].partition("@")[0] == "fail"}
        header = [l for l in list_lines if l.startswith("#")]
        new = [notes.get(i, f"fail {i}") for i in sorted(failing) if known.get(i) not in ("flaky",)]
        with open(list_path, "w") as f:
            f.write("\n".join(header + keep + new) + "\n")
        print(f"wrote {list_path}: {len(new)} failures")
        return 0
    if problems:
        print(log[-20000:])
        for p in problems:
            print("PROBLEM:", p)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
