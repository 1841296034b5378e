#!/usr/bin/env python3
"""Scaling table: runs each workload in experiments/workloads/ with 1..N
threads (a fixed total amount of work split over the threads), on ftpy and on
python3, interleaving the runs, and prints the median times, speedups and
parallel efficiency as a Markdown table.

    python3 experiments/scale.py [--threads 1,2,4,8,16] [--runs 3] [--ftpy build/ftpy]
                                 [--workloads countdown,shared_read] [--no-python]

This is the measurement used in design/refcounting.md and friends; the full
experiment runner (GIL build, ablations, plots) builds on it.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = {
    # name: (script, extra arguments)
    "countdown": ("countdown.py", []),
    "private_objects": ("private_objects.py", []),
    "shared_calls": ("shared_calls.py", []),
    "shared_read": ("shared_read.py", []),
    "shared_read_big": ("shared_read.py", ["4000000", "big"]),
    "shared_attr": ("shared_attr.py", []),
    "private_updates": ("private_updates.py", []),
}


def run_once(interpreter, script, threads, extra):
    out = subprocess.run([interpreter, os.path.join(HERE, "workloads", script), str(threads)] + extra,
                         capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"{interpreter} {script} failed:\n{out.stderr}")
    return float(re.search(r"seconds=([0-9.]+)", out.stdout).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default=",".join(str(t) for t in range(1, (os.cpu_count() or 1) + 1)))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ftpy", default=os.path.join(HERE, "..", "build", "ftpy"))
    parser.add_argument("--python", default="python3")
    parser.add_argument("--no-python", action="store_true", help="skip the CPython reference")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    args = parser.parse_args()
    threads = [int(t) for t in args.threads.split(",")]
    interpreters = [("ftpy", args.ftpy)] + ([] if args.no_python else [("python3", args.python)])
    names = args.workloads.split(",")

    times = {}
    for rep in range(args.runs):
        for name in names:
            script, extra = WORKLOADS[name]
            for label, exe in interpreters:
                for t in threads:
                    times.setdefault((name, label, t), []).append(run_once(exe, script, t, extra))
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


if __name__ == "__main__":
    main()
