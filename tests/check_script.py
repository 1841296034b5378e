#!/usr/bin/env python3
"""Runs one tests/scripts/NAME.py under ftpy and compares it with CPython 3.11.

Expected results live beside the script (written by regen_expected.py):
  NAME.out   stdout, compared exactly
  NAME.err   stderr, compared after normalize_stderr() (absent: must be empty)
  NAME.code  the exit status (absent: 0)
"""
import os
import re
import subprocess
import sys

CARET_LINE = re.compile(r"^\s*[\^~]+\s*$")
# Frames inside the threading module differ between implementations.
THREADING_FRAME = re.compile(r'^  File ".*[/\\]threading\.py", line \d+, in ')


def normalize_stderr(text, directory):
    """Drops what ftpy deliberately does not reproduce: CPython 3.11's
    position markers (^^^^); makes the script's
    absolute path relative so results do not depend on the checkout's place."""
    lines = []
    skip_source = False
    for line in text.replace(directory + os.sep, "").splitlines():
        if skip_source:
            skip_source = False
            if line.startswith("    "):
                continue
        if THREADING_FRAME.match(line):
            skip_source = True
            continue
        if CARET_LINE.match(line):
            continue
        lines.append(line)
    return "\n".join(lines) + ("\n" if lines else "")


def run(interpreter, script, timeout=int(os.environ.get("FTPY_SCRIPT_TIMEOUT", "120"))):
    directory, name = os.path.split(os.path.abspath(script))
    # A fixed hash seed: str hashes, and so the order of sets of strings,
    # are then the same in ftpy and CPython (include/ftpy/pyhash.h).
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run([interpreter, name], cwd=directory, capture_output=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=env)
    return (proc.stdout.decode("utf-8", "replace"), normalize_stderr(proc.stderr.decode("utf-8", "replace"), directory),
            proc.returncode)


def expected(script):
    base = script[:-3]
    def read(ext, default):
        try:
            with open(base + ext, encoding="utf-8") as f:
                return f.read()
        except FileNotFoundError:
            return default
    return read(".out", ""), read(".err", ""), int(read(".code", "0").strip() or 0)


def main():
    ftpy, script = sys.argv[1], sys.argv[2]
    out, err, code = run(ftpy, script)
    want_out, want_err, want_code = expected(script)
    ok = True
    if out != want_out:
        ok = False
        print("--- stdout differs ---")
        import difflib
        sys.stdout.writelines(difflib.unified_diff(want_out.splitlines(True), out.splitlines(True), "cpython", "ftpy"))
    if err != want_err:
        ok = False
        print("--- stderr differs ---")
        print("expected:\n" + want_err + "got:\n" + err)
    if code != want_code:
        ok = False
        print(f"--- exit status: expected {want_code}, got {code}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
