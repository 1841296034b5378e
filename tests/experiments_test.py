#!/usr/bin/env python3
"""Checks the experiment runner end to end on a small scale: every workload
runs on the given ftpy with 1 and 2 threads and checks its own answer (the
runner raises if one fails), results.csv has one row per run, and the report's
speedup and ratio columns agree with the CSV's medians.

    python3 tests/experiments_test.py BUILD_DIR
"""
import csv
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "experiments"))
import report  # noqa: E402
from run import WORKLOADS  # noqa: E402


def main():
    build_dir = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as out:
        argv = [sys.executable, os.path.join(ROOT, "experiments", "run.py"), "--quick", "--no-build",
                "--no-python", "--runs", "2", "--threads", "1,2", "--variants", "ft", "--ftpy", build_dir + "/ftpy",
                "--out", out]
        proc = subprocess.run(argv, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        with open(os.path.join(out, "results.csv")) as f:
            rows = list(csv.DictReader(f))
        assert len(rows) == len(WORKLOADS) * 2 * 2, len(rows)
        assert {r["workload"] for r in rows} == set(WORKLOADS)
        assert all(float(r["seconds"]) > 0 for r in rows)
        times = report.group(rows)
        text = open(os.path.join(out, "report.md")).read()
        for name in WORKLOADS:
            one, two = statistics.median(times[(name, "ft", 1)]), statistics.median(times[(name, "ft", 2)])
            s = one / two
            assert f"| {name} | {s:.2f}x ({s / 2:.0%}) |" in text, (name, s)
    # The ratio arithmetic on known numbers: medians 2.0/1.0 and 3.0/1.5.
    rows = [{"workload": "w", "variant": v, "threads": 1, "run": r, "seconds": s}
            for v, series in (("a", [2.0, 4.0, 1.0]), ("b", [1.0, 2.0, 1.0])) for r, s in enumerate(series, 1)]
    ratio, lo, hi, best = report.ratios(report.group(rows), ["w"], "a", "b", 1)["w"]
    assert (ratio, lo, hi, best) == (2.0, 1.0, 2.0, 1.0), (ratio, lo, hi, best)
    assert abs(report.geomean([2.0, 8.0]) - 4.0) < 1e-12
    print("experiments runner: ok")


if __name__ == "__main__":
    main()
