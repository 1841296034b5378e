#!/usr/bin/env python3
"""Instruction counts: runs each workload once under valgrind's callgrind on
each interpreter, one thread, a tenth of the workload's default total, and
prints the counts (millions) and the ratio A/B per workload with its geometric
mean, as a Markdown table.

    python3 experiments/instructions.py [--interp ft=build/ftpy --interp gil=build-gil/ftpy]
                                        [--ratio ft/gil] [--workloads nbody,fib] [--jobs 2]

Unlike timings, counts do not move with the machine's load, so they show
small changes in work on a noisy shared machine. They are not time: an atomic
read-modify-write or a cache miss counts as one instruction. About 19 M of
each count is start-up (compiling the workload and its imports).
"""
import argparse
import concurrent.futures
import math
import os
import shlex
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import WORKLOADS, run_and_match, workload_argv  # noqa: E402  (one table of workloads for every tool)


def count(command, workload):
    full = WORKLOADS[workload][1]
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    argv = workload_argv(valgrind + command, workload, 1, max(1, full // 10))
    return int(run_and_match(argv, r"Collected : (\d+)", 3600, stream="stderr"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interp", action="append", default=[], metavar="LABEL=COMMAND")
    parser.add_argument("--ratio", action="append", default=[], metavar="A/B")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    interps = dict(i.split("=", 1) for i in args.interp) or {
        "ft": os.path.join(HERE, "..", "build", "ftpy"),
        "gil": os.path.join(HERE, "..", "build-gil", "ftpy"),
    }
    ratios = [r.split("/") for r in args.ratio] or ([["ft", "gil"]] if set(interps) >= {"ft", "gil"} else [])
    workloads = args.workloads.split(",")
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {(w, label): pool.submit(count, shlex.split(cmd), w)
                   for w in workloads for label, cmd in interps.items()}
        counts = {key: f.result() for key, f in futures.items()}

    labels = list(interps)
    header = ["workload"] + [f"{label} (M instructions)" for label in labels] + [f"{a}/{b}" for a, b in ratios]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    logs = [[] for _ in ratios]
    for w in workloads:
        row = [w] + [f"{counts[(w, label)] / 1e6:,.0f}" for label in labels]
        for k, (a, b) in enumerate(ratios):
            r = counts[(w, a)] / counts[(w, b)]
            logs[k].append(math.log(r))
            row.append(f"{r:.3f}")
        print("| " + " | ".join(row) + " |")
    if ratios:
        geo = [f"**{math.exp(sum(lg) / len(lg)):.3f}**" for lg in logs]
        print("| **geometric mean** |" + " |" * len(labels) + " " + " | ".join(geo) + " |")


if __name__ == "__main__":
    main()
