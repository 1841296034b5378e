#!/usr/bin/env python3
"""Runs one benchmark program of bench/programs/ at its small size (the
--quick size of experiments/run.py --suite programs) under ftpy and under
python3, and fails unless both print the same checksum.

  programs_test.py FTPY PROGRAM
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "experiments"))

from run import PROGRAMS, PROGRAMS_DIR  # noqa: E402  (one table of sizes)


def checksum(command, script, size):
    env = dict(os.environ, PYTHONHASHSEED="0")
    out = subprocess.run(command + [script, str(size)], capture_output=True, text=True, timeout=600, env=env)
    match = re.search(r"^checksum=(.*)$", out.stdout, re.M)
    if out.returncode != 0 or not match:
        sys.exit(f"{' '.join(command)} {script} {size}: exit {out.returncode}\n{out.stdout}{out.stderr}")
    return match.group(1)


def main():
    ftpy, name = sys.argv[1], sys.argv[2]
    script_name, _full, small = PROGRAMS[name]
    script = os.path.join(PROGRAMS_DIR, script_name)
    mine, theirs = checksum([ftpy], script, small), checksum(["python3"], script, small)
    if mine != theirs:
        sys.exit(f"{name}: ftpy printed checksum={mine}, python3 checksum={theirs}")
    print(f"{name} {small}: checksum={mine} (as python3)")


if __name__ == "__main__":
    main()
