#!/usr/bin/env python3
"""Compares one Google Benchmark program between two builds, e.g. the
free-threaded and the GIL build:

    python3 bench/compare_builds.py build/bench/interp_bench build-gil/bench/interp_bench \
        [--repetitions 5] [--filter Python] [--json out.json]

Runs A, B, A, B, ... (interleaved, so machine noise hits both alike), each
with --benchmark_format=json, and prints per benchmark the median real time of
each build and the ratio A/B with the min-max spread over the rounds.
"""
import argparse
import json
import statistics
import subprocess


def run(binary, flt):
    out = subprocess.run([binary, "--benchmark_format=json", f"--benchmark_filter={flt}"],
                         capture_output=True, text=True, check=True).stdout
    return {b["name"]: b["real_time"] for b in json.loads(out)["benchmarks"] if b.get("run_type") == "iteration"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--filter", default=".")
    parser.add_argument("--json", help="also write the raw times here")
    args = parser.parse_args()
    rounds = [(run(args.a, args.filter), run(args.b, args.filter)) for _ in range(args.repetitions)]
    print(f"| benchmark | A ns (median) | B ns (median) | A/B | spread |\n| --- | --- | --- | --- | --- |")
    for name in rounds[0][0]:
        if name not in rounds[0][1]:
            continue
        a = [r[0][name] for r in rounds]
        b = [r[1][name] for r in rounds]
        per = [x / y for x, y in zip(a, b)]
        print(f"| {name} | {statistics.median(a):.1f} | {statistics.median(b):.1f} | "
              f"{statistics.median(a) / statistics.median(b):.3f} | {min(per):.2f}-{max(per):.2f} |")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"a": args.a, "b": args.b, "rounds": rounds}, f, indent=1)


if __name__ == "__main__":
    main()
