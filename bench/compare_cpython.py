#!/usr/bin/env python3
"""Times ftpy against python3 on the single-threaded workloads in
bench/workloads/ (a benchmark, not a test: nothing here can fail a build).

Runs alternate between the interpreters (interleaved, so machine noise hits
both alike) and the report gives the median of the in-process timings each
workload prints, with min-max, and the ftpy/python3 ratio.

    python3 bench/compare_cpython.py [--ftpy build/ftpy] [--runs 5] [--json out.json]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

# Every interpreter run here hashes strings with the same key (ftpy and
# CPython alike, include/ftpy/pyhash.h), so runs are reproducible and set
# orders agree across interpreters. An explicit PYTHONHASHSEED wins.
os.environ.setdefault("PYTHONHASHSEED", "0")

HERE = os.path.dirname(os.path.abspath(__file__))


def time_once(interpreter, script):
    out = subprocess.run([interpreter, script], capture_output=True, text=True, check=True).stdout
    return float(out.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ftpy", default=os.path.join(HERE, "..", "build", "ftpy"))
    parser.add_argument("--python", default="python3")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", help="also write the raw timings here")
    args = parser.parse_args()
    workloads = sorted(f for f in os.listdir(os.path.join(HERE, "workloads")) if f.endswith(".py"))
    results = {}
    print(f"{'workload':<12} {'ftpy s (min-max)':<24} {'python3 s (min-max)':<24} ratio")
    for name in workloads:
        script = os.path.join(HERE, "workloads", name)
        times = {"ftpy": [], "python3": []}
        for _ in range(args.runs):
            times["ftpy"].append(time_once(args.ftpy, script))
            times["python3"].append(time_once(args.python, script))
        med = {k: statistics.median(v) for k, v in times.items()}
        results[name] = times
        span = {k: f"{med[k]:.3f} ({min(v):.3f}-{max(v):.3f})" for k, v in times.items()}
        print(f"{name[:-3]:<12} {span['ftpy']:<24} {span['python3']:<24} {med['ftpy'] / med['python3']:.2f}x")
        sys.stdout.flush()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
