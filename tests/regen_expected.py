#!/usr/bin/env python3
"""Records CPython's output for tests/scripts/*.py (or the scripts named on
the command line) as the expected results that check_script.py compares with.

    python3 tests/regen_expected.py [tests/scripts/foo.py ...]
"""
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_script import run  # noqa: E402


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("expected outputs must come from CPython 3.11")
    here = os.path.dirname(os.path.abspath(__file__))
    scripts = sys.argv[1:] or sorted(glob.glob(os.path.join(here, "scripts", "*.py")))
    for script in scripts:
        out, err, code = run(sys.executable, script)
        base = script[:-3]
        with open(base + ".out", "w", encoding="utf-8") as f:
            f.write(out)
        for ext, value, present in ((".err", err, bool(err)), (".code", f"{code}\n", code != 0)):
            path = base + ext
            if present:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(value)
            elif os.path.exists(path):
                os.remove(path)
        print(f"{os.path.basename(script)}: exit {code}")


if __name__ == "__main__":
    main()
