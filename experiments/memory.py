#!/usr/bin/env python3
"""Peak memory: runs each program in experiments/memory/ under each
interpreter (interleaved, --runs times) and prints the median peak resident
set size, with the ratio to CPython 3.11 (design/gc.md, design/refcounting.md).

    python3 experiments/memory.py [--runs 3] [--interp LABEL=COMMAND ...]

Each program imports memory/_peak.py, which prints its VmHWM at exit: the
high-water mark of its own address space (ru_maxrss from wait4 would count
this runner's size at fork time).
"""
import argparse
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def run_once(command, script):
    start = time.perf_counter()
    proc = subprocess.run(command + [str(script)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    err = proc.stderr.decode(errors="replace")
    peaks = [line for line in err.splitlines() if line.startswith("peak_kb=")]
    if proc.returncode != 0 or not peaks:
        sys.exit(f"{' '.join(command)} {script.name} failed ({proc.returncode}):\n{err}")
    return int(peaks[-1].split("=")[1]) / 1024, seconds  # MB


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--interp", action="append", default=[], metavar="LABEL=COMMAND")
    parser.add_argument("--programs", default="", help="comma-separated names (default: all)")
    args = parser.parse_args()
    interps = [i.split("=", 1) for i in args.interp] or [["ftpy", str(ROOT / "build" / "ftpy")]]
    interps = [(label, shlex.split(cmd)) for label, cmd in interps]
    if not any(label == "python3" for label, _ in interps):
        interps.append(("python3", [sys.executable]))
    programs = sorted(p for p in (HERE / "memory").glob("*.py") if not p.name.startswith("_"))
    if args.programs:
        wanted = set(args.programs.split(","))
        programs = [p for p in programs if p.stem in wanted]
    results = {}
    for r in range(args.runs):
        for script in programs:
            for label, command in interps:
                print(f"[{r + 1}/{args.runs}] {script.stem} {label}", file=sys.stderr)
                results.setdefault((script.stem, label), []).append(run_once(command, script))
    labels = [label for label, _ in interps]
    print("| program | " + " | ".join(f"{l} peak MB (s)" for l in labels) +
          " | " + " | ".join(f"{l}/python3" for l in labels if l != "python3") + " |")
    print("| --- |" + " --- |" * (2 * len(labels) - 1))
    for script in programs:
        row, peaks = [], {}
        for label in labels:
            runs = results[(script.stem, label)]
            peaks[label] = statistics.median(m for m, _ in runs)
            row.append(f"{peaks[label]:.1f} ({statistics.median(s for _, s in runs):.2f})")
        ratios = [f"{peaks[l] / peaks['python3']:.2f}" for l in labels if l != "python3"]
        print(f"| {script.stem} | " + " | ".join(row + ratios) + " |")


if __name__ == "__main__":
    main()
