#!/usr/bin/env python3
"""Scaling table: runs each workload in experiments/workloads/ with 1..N
threads (a fixed total amount of work split over the threads), on ftpy and on
python3, interleaving the runs, and prints the median times, speedups and
parallel efficiency as a Markdown table.

    python3 experiments/scale.py [--threads 1,2,4,8,16] [--runs 3] [--ftpy build/ftpy]
                                 [--workloads countdown,shared_read] [--no-python]
                                 [--interp LABEL=COMMAND ...] [--ratio A/B ...]

--interp names one interpreter command to measure (repeatable; it replaces
--ftpy), e.g. --interp ft=build/ftpy --interp gil=build-gil/ftpy
--interp "ft+gil=build/ftpy -X gil=1". --ratio ft/gil adds a table of the
single-thread time ratio A/B per workload (median of A over median of B, with
the min-max spread of the per-run ratios) and its geometric mean.

This is the measurement used in design/refcounting.md, gil.md, ablations.md;
experiments/run.py is the full runner (builds, CSV, report, plots); this
script is its quick table for arbitrary interpreter commands.
"""
import argparse
import math
import os
import shlex
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import WORKLOADS, run_once  # noqa: E402  (one table of workloads for both tools)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default=",".join(str(t) for t in range(1, (os.cpu_count() or 1) + 1)))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ftpy", default=os.path.join(HERE, "..", "build", "ftpy"))
    parser.add_argument("--python", default="python3")
    parser.add_argument("--no-python", action="store_true", help="skip the CPython reference")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--interp", action="append", default=[], metavar="LABEL=COMMAND")
    parser.add_argument("--ratio", action="append", default=[], metavar="A/B")
    args = parser.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    interpreters = [tuple(i.split("=", 1)) for i in args.interp] or [("ftpy", args.ftpy)]
    if not args.no_python:
        interpreters.append(("python3", args.python))
    names = args.workloads.split(",")

    times = {}
    for rep in range(args.runs):
        for name in names:
            for label, exe in interpreters:
                for t in threads:
                    times.setdefault((name, label, t), []).append(run_once(shlex.split(exe), name, t, False)[0])
                    print(f"\r[{rep + 1}/{args.runs}] {name} {label} {t}T   ", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)

    print("| workload | interpreter | " + " | ".join(f"{t}T s (speedup)" for t in threads) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in threads) + " |")
    for name in names:
        for label, _ in interpreters:
            base = statistics.median(times[(name, label, threads[0])])
            cells = []
            for t in threads:
                m = statistics.median(times[(name, label, t)])
                lo, hi = min(times[(name, label, t)]), max(times[(name, label, t)])
                cells.append(f"{m:.3f} ({base / m:.2f}x, {lo:.3f}-{hi:.3f})")
            print(f"| {name} | {label} | " + " | ".join(cells) + " |")
    for ratio in args.ratio:
        print_ratio(ratio, names, threads[0], times)


def print_ratio(ratio, names, t, times):
    a, b = ratio.split("/")
    print(f"\n| workload | {t}T time {a}/{b} (median) | spread of per-run ratios |")
    print("| --- | --- | --- |")
    ratios = []
    for name in names:
        ta, tb = times[(name, a, t)], times[(name, b, t)]
        r = statistics.median(ta) / statistics.median(tb)
        per_run = [x / y for x, y in zip(ta, tb)]
        ratios.append(r)
        print(f"| {name} | {r:.3f} | {min(per_run):.3f}-{max(per_run):.3f} |")
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"| **geometric mean** | **{geo:.3f}** | |")


if __name__ == "__main__":
    main()
