#!/usr/bin/env python3
"""Runs stress scripts many times on several interpreters and reports every
failure (the CTest cases run each script once per build).

    python3 tests/run_stress_many.py --runs 20 \\
        --interp build/ftpy --interp "build/ftpy -X gil=1" --interp build-gil/ftpy \\
        tests/stress/adversarial/*.py

Exits 1 if any run failed; prints the first lines of each failure's output.
"""
import argparse
import shlex
import subprocess
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--interp", action="append", required=True, help="command line of an interpreter")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("scripts", nargs="+")
    args = ap.parse_args()
    failures = 0
    for script in args.scripts:
        for interp in args.interp:
            start = time.time()
            bad = []
            for run in range(args.runs):
                try:
                    p = subprocess.run(shlex.split(interp) + [script], capture_output=True, text=True,
                                       errors="replace", timeout=args.timeout)
                    if p.returncode != 0:
                        bad.append((run, f"exit {p.returncode}: {(p.stdout + p.stderr)[-600:]}"))
                except subprocess.TimeoutExpired:
                    bad.append((run, f"timeout after {args.timeout} s"))
            status = "ok" if not bad else f"FAILED {len(bad)}/{args.runs}"
            print(f"{script} [{interp}] {status} ({time.time() - start:.1f} s)", flush=True)
            for run, detail in bad[:2]:
                print(f"  run {run}: {detail}")
            failures += len(bad)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
