#!/usr/bin/env python3
"""The cycle collector's stop-the-world pause against the live heap and the
number of threads (design/gc.md).

    python3 experiments/gc_pause.py                       # heaps 1e4..1e6, threads 1,2
    python3 experiments/gc_pause.py --heaps 10000,100000,1000000,10000000 --threads 1,2,4,8,16

Runs experiments/workloads/gc_pause.py (a heap of N instances, each with a
small list, so about 2N tracked objects in either interpreter; the main
thread times gc.collect() while threads-1 others allocate) on ftpy and
python3, and, for ftpy, reads `-X stats` for the time the collector waited
for the other threads to reach a safe point. Prints a markdown table of
medians over --runs runs.
"""
import argparse
import os
import re
import statistics
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOAD = os.path.join(HERE, "workloads", "gc_pause.py")


def run(argv):
    out = subprocess.run(argv, capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({out.returncode}):\n{out.stdout}{out.stderr}")
    pause = float(re.search(r"pause_ms=([0-9.]+)", out.stdout).group(1))
    stats = {k: int(v) for k, v in re.findall(r"^\s+(gc_\w+)\s+(\d+)", out.stderr, re.M)}
    return pause, stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ftpy", default=os.path.join(ROOT, "build", "ftpy"))
    parser.add_argument("--python", default="python3")
    parser.add_argument("--heaps", default="10000,100000,1000000")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    heaps = [int(h) for h in args.heaps.split(",")]
    threads = [int(t) for t in args.threads.split(",")]
    print("| heap (instances) | threads | ftpy pause ms | ftpy wait for safe point us (max) | python3 pause ms |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for heap in heaps:
        for t in threads:
            ft, wait, py = [], [], []
            for _ in range(args.runs):  # interleaved
                pause, stats = run([args.ftpy, "-X", "stats", WORKLOAD, str(t), str(heap)])
                ft.append(pause)
                wait.append(stats.get("gc_safepoint_max_ns", 0) / 1000)
                py.append(run([args.python, WORKLOAD, str(t), str(heap)])[0])
            print(f"| {heap:,} | {t} | {statistics.median(ft):.2f} | {statistics.median(wait):.0f} | "
                  f"{statistics.median(py):.2f} |", flush=True)


if __name__ == "__main__":
    main()
