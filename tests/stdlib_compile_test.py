#!/usr/bin/env python3
"""Every .py file of CPython 3.11's standard library that python3 compiles
must also compile with `ftpy --dis` (issue 17's "done when").

    python3 tests/stdlib_compile_test.py FTPY [--jobs N]

The folder is the running interpreter's stdlib (sysconfig's "stdlib"
path), the test suite included when it is installed (Debian:
libpython3.11-testsuite); site-packages and dist-packages are skipped.
Files python3 itself rejects (lib2to3's Python 2 test data) are skipped.
Any failure, a crash or a hang (60 s) fails the test and is listed. (Until
2026-12-04 files using `except*` were allowed to fail.)
"""
import concurrent.futures
import os
import subprocess
import sys
import sysconfig

def stdlib_files():
    root = sysconfig.get_paths()["stdlib"]
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in ("site-packages", "dist-packages", "__pycache__"))
        for name in sorted(filenames):
            if name.endswith(".py"):
                yield os.path.join(dirpath, name)


def python_compiles(path):
    try:
        with open(path, "rb") as f:
            compile(f.read(), path, "exec", dont_inherit=True)
        return True
    except (SyntaxError, ValueError):
        return False


def check(ftpy, path):
    """None if ftpy compiles `path`, else ftpy's last line of error output."""
    try:
        r = subprocess.run([ftpy, "--dis", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    except subprocess.TimeoutExpired:
        return "hang: no answer in 60 s"
    if r.returncode == 0:
        return None
    lines = r.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else f"exit status {r.returncode} and no message"


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("the oracle must be CPython 3.11")
    ftpy = sys.argv[1]
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else os.cpu_count() or 2
    import warnings
    warnings.simplefilter("ignore")  # python3's SyntaxWarnings about the files themselves
    files = [p for p in stdlib_files() if python_compiles(p)]
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        results = list(pool.map(lambda p: (p, check(ftpy, p)), files))
    wrong = [(p, e) for p, e in results if e is not None]
    print(f"{len(files)} files python3 compiles; ftpy compiles {len(files) - len(wrong)}")
    for p, e in wrong:
        print(f"FAIL {p}: {e}")
    if len(files) < 600:
        print("FAIL: fewer than 600 files found; is the standard library installed?")
        return 1
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
