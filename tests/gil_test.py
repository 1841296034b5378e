#!/usr/bin/env python3
"""The GIL switches: -X gil / FTPY_GIL, sys._is_gil_enabled, the switch
interval, hand-off to a waiting thread, and -X stats (design/gil.md).

usage: gil_test.py FTPY_EXECUTABLE gil|free-threaded [stats]"""
import os
import subprocess
import sys

FTPY, BUILD = sys.argv[1], sys.argv[2]
STATS_BUILD = len(sys.argv) > 3 and sys.argv[3] == "stats"
failures = []


def check(name, cond, detail=""):
    if not cond:
        failures.append(f"{name}: {detail}")


def run(args, env=None):
    full_env = dict(os.environ)
    full_env.pop("FTPY_GIL", None)
    full_env.update(env or {})
    return subprocess.run([FTPY] + args, capture_output=True, text=True, timeout=120, env=full_env)


ENABLED = "import sys; print(sys._is_gil_enabled())"
gil_build = BUILD == "gil"

r = run(["-c", ENABLED])
check("default", r.stdout == f"{gil_build}\n", r.stdout + r.stderr)
for how, args, env in (("-X gil=1", ["-X", "gil=1"], None), ("-Xgil=1", ["-Xgil=1"], None),
                       ("FTPY_GIL=1", [], {"FTPY_GIL": "1"})):
    r = run(args + ["-c", ENABLED], env)
    check(how, r.returncode == 0 and r.stdout == "True\n", r.stdout + r.stderr)

r = run(["-X", "gil=0", "-c", ENABLED])
if gil_build:
    check("gil=0 refused", r.returncode == 1 and "Disabling the GIL is not supported" in r.stderr, r.stderr)
else:
    check("gil=0", r.returncode == 0 and r.stdout == "False\n", r.stdout + r.stderr)
r = run(["-X", "gil=yes", "-c", "pass"])
check("bad gil value", r.returncode == 1 and '-X gil must be "0" or "1"' in r.stderr, r.stderr)

# The switch interval, as CPython's sys.getswitchinterval/setswitchinterval.
r = run(["-c", "import sys\nprint(sys.getswitchinterval())\nsys.setswitchinterval(0.001)\n"
               "print(sys.getswitchinterval())\ntry:\n    sys.setswitchinterval(0)\n"
               "except ValueError as e:\n    print('ValueError', e)\n"])
check("switch interval", r.stdout == "0.005\n0.001\nValueError switch interval must be strictly positive\n",
      r.stdout + r.stderr)

# Hand-off: a thread spinning in bytecode must not starve the main thread,
# which sleeps and then needs the GIL back to stop it (a drop request through
# the eval breaker). With the GIL, the spinner and main alternate; a hang here
# is a lost drop request. Many rounds, each must end.
HANDOFF = """
import threading, time
for round in range(20):
    state = {"stop": False, "spins": 0}
    def spin():
        while not state["stop"]:
            state["spins"] += 1
    t = threading.Thread(target=spin)
    t.start()
    time.sleep(0.002)
    state["stop"] = True
    t.join()
print("ok")
"""
for args in (["-X", "gil=1"], []):
    r = run(args + ["-c", HANDOFF])
    check(f"hand-off {args}", r.returncode == 0 and r.stdout == "ok\n", r.stdout + r.stderr)

# -X stats prints every counter; refcount operations are always counted, and
# the GIL counters only where a GIL runs.
r = run(["-X", "stats", "-c", "x = [i for i in range(1000)]"])
if STATS_BUILD:
    lines = dict(line.split()[:2] for line in r.stderr.splitlines()[1:])
    check("stats printed", r.returncode == 0 and "incref_owner" in lines and "gil_acquisitions" in lines, r.stderr)
    if lines:
        check("stats count refcounts", int(lines.get("incref_owner", 0)) + int(lines.get("incref_shared", 0)) > 1000,
              r.stderr)
        check("stats gil", (int(lines.get("gil_acquisitions", 0)) > 0) == gil_build, r.stderr)
else:
    check("stats needs the option", "-DFTPY_STATS=ON" in r.stderr, r.stderr)
# The collector's totals are printed in every build; a forced collection
# is counted.
r = run(["-X", "stats", "-c", "import gc; gc.collect(); gc.collect()"])
gc_lines = dict(line.split()[:2] for line in r.stderr.splitlines() if line.strip().startswith("gc_"))
check("gc stats", r.returncode == 0 and int(gc_lines.get("gc_collections", 0)) >= 2 and
      int(gc_lines.get("gc_scanned", 0)) > 0 and "gc_safepoint_max_ns" in gc_lines, r.stderr)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("gil_test: all checks passed")
