#!/usr/bin/env python3
"""The experiment runner: builds the interpreter variants it needs, runs every
workload in experiments/workloads/ for each thread count (a fixed total amount
of work split over the threads), interleaving variants and repetitions, also
runs python3 as the reference, and writes results.csv, report.md and PNG plots.

    python3 experiments/run.py --quick                 # ft, gil, python3; small work; < 3 min on 2 cores
    python3 experiments/run.py                         # full work, threads 1..cores, 5 runs
    python3 experiments/run.py --variants ft,gil,atomic_rc,locked_reads,no_deferred_rc
    python3 experiments/run.py --threads 1,2,4,8,16 --runs 5 --workloads countdown,nbody
    python3 experiments/run.py --quick --update-design  # also rewrite design/results.md
    python3 experiments/run.py --suite programs         # bench/programs/: one thread, ft, gil, python3

Output goes to --out (default experiments/out/): results.csv (one row per
run), report.md, scaling.png (speedup curves per workload) and overhead.png
(single-thread time of each variant over the GIL build's), and python3.png
(time over CPython's) when python3 ran. Every run's peak resident memory
(VmHWM, which each program prints as peak_kb=) goes into the CSV and the
report.

--suite programs runs the single-threaded benchmark programs of
bench/programs/ instead (harness.py there has their contract) on one thread;
each prints a checksum, and the runner stops if two interpreters disagree.
Its output goes to experiments/out/programs/ and, with --update-design, to
design/results-programs.md. Plots need
matplotlib (Debian's python3-matplotlib); when the running python3 lacks it,
plot.py is run by /usr/bin/python3.
"""
import argparse
import csv
import datetime
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import time

import report as report_mod

# Every interpreter run here hashes strings with the same key (ftpy and
# CPython alike, include/ftpy/pyhash.h), so runs are reproducible and set
# orders agree across interpreters. An explicit PYTHONHASHSEED wins.
os.environ.setdefault("PYTHONHASHSEED", "0")

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# name: (script, full total, quick total, extra arguments after the total)
WORKLOADS = {
    "countdown": ("countdown.py", 50_000_000, 10_000_000, []),
    "fib": ("fib.py", 240, 48, []),
    "private_objects": ("private_objects.py", 2_000_000, 400_000, []),
    "private_updates": ("private_updates.py", 2_000_000, 500_000, []),
    "shared_calls": ("shared_calls.py", 8000, 2000, []),
    "shared_read": ("shared_read.py", 4_000_000, 1_000_000, []),
    "shared_read_big": ("shared_read.py", 4_000_000, 1_000_000, ["big"]),
    "shared_attr": ("shared_attr.py", 3_000_000, 1_000_000, []),
    "shared_dict": ("shared_dict.py", 1_000_000, 250_000, []),
    "lock_counter": ("lock_counter.py", 1_000_000, 250_000, []),
    "pipeline": ("pipeline.py", 30_000, 8000, []),
    "nbody": ("nbody.py", 30_000, 8000, []),
    "raytrace": ("raytrace.py", 192, 48, []),
    "gc_cycles": ("gc_cycles.py", 1_000_000, 250_000, []),
    "gc_pause": ("gc_pause.py", 1_000_000, 200_000, []),
    # The standard library used the way applications use it (issue 18).
    "executor_map": ("executor_map.py", 400, 100, []),
    "log_parse": ("log_parse.py", 200_000, 40_000, []),
    "dataclass_sim": ("dataclass_sim.py", 600_000, 150_000, []),
}

# bench/programs/ (issue 20): name: (script, full size, quick size). The full
# size is each program's default, about 0.3-0.6 s on CPython 3.11 here.
PROGRAMS_DIR = os.path.join(ROOT, "bench", "programs")
PROGRAMS = {
    "richards": ("richards.py", 10, 3),
    "nbody": ("nbody.py", 100_000, 20_000),
    "fannkuch": ("fannkuch.py", 9, 8),
    "spectral_norm": ("spectral_norm.py", 250, 100),
    "float_points": ("float_points.py", 150_000, 30_000),
    "nqueens": ("nqueens.py", 11, 9),
    "pidigits": ("pidigits.py", 3000, 1000),
    "mandelbrot": ("mandelbrot.py", 500, 200),
    "unpack_sequence": ("unpack_sequence.py", 250_000, 50_000),
    "generators": ("generators.py", 600_000, 120_000),
    "coroutines": ("coroutines.py", 60_000, 12_000),
    "json_parse": ("json_parse.py", 3000, 600),
    "regex_logs": ("regex_logs.py", 30_000, 6000),
    "dataclass_orders": ("dataclass_orders.py", 60_000, 12_000),
    "chaos_game": ("chaos_game.py", 200_000, 40_000),
    "raytrace": ("raytrace.py", 140, 60),
}

# name: (build folder, CMake options, command-line flags, what it is)
VARIANTS = {
    "ft": ("build", [], [], "free-threaded (default build)"),
    "gil": ("build-gil", ["-DFTPY_GIL=ON"], [], "classic GIL build"),
    "ft_gil1": ("build", [], ["-X", "gil=1"], "free-threaded build run with -X gil=1"),
    "atomic_rc": ("build-ablate-rc", ["-DFTPY_ABLATE_BIASED_RC=ON"], [], "ablation: every refcount atomic"),
    "locked_reads": ("build-ablate-reads", ["-DFTPY_ABLATE_LOCKFREE_READS=ON"], [],
                     "ablation: list/dict reads take the lock"),
    "no_deferred_rc": ("build-ablate-deferred", ["-DFTPY_ABLATE_DEFERRED_RC=ON"], [],
                       "ablation: no deferred refcounts for shared functions/classes/modules"),
    "no_inplace": ("build-ablate-inplace", ["-DFTPY_ABLATE_INPLACE=ON"], [],
                   "control: free-threaded without in-place int/float updates (atomic_rc lacks them too)"),
    "stats": ("build-stats", ["-DFTPY_STATS=ON"], [], "free-threaded with -DFTPY_STATS=ON (counters off at run time)"),
}
PYTHON = "python3"


def build_variant(name, jobs):
    folder, options, _, _ = VARIANTS[name]
    build_dir = os.path.join(ROOT, folder)
    if not os.path.exists(os.path.join(build_dir, "CMakeCache.txt")):
        subprocess.run(["cmake", "-S", ROOT, "-B", build_dir, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"] + options,
                       check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "--target", "ftpy", "-j", str(jobs)], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "ftpy")


def command_for(variant, executable):
    if variant == PYTHON:
        return [executable]
    return [executable] + VARIANTS[variant][2]


def workload_argv(command, workload, threads, total):
    """The command line that runs `workload` on `threads` threads."""
    script, _full, _small, extra = WORKLOADS[workload]
    return command + [os.path.join(HERE, "workloads", script), str(threads), str(total)] + extra


def run_matching(argv, patterns, timeout, stream="stdout"):
    """Runs argv; returns the first group of each regex in `patterns` in its
    stdout (or stderr), None for those it did not print; raises with the
    whole output if it failed or printed no match for the first."""
    out = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    text = getattr(out, stream)
    matches = [re.search(p, text) for p in patterns]
    if out.returncode != 0 or not matches[0]:
        raise RuntimeError(f"{shlex.join(argv)} failed (exit {out.returncode}):\n{out.stdout}{out.stderr}")
    return [m.group(1) if m else None for m in matches]


def run_and_match(argv, pattern, timeout, stream="stdout"):
    """run_matching for one regex that must match: its first group."""
    return run_matching(argv, [pattern], timeout, stream)[0]


CHECKSUMS = {}  # (program, size) -> (variant, checksum) of the first run


def run_once(command, workload, threads, quick, suite="workloads", variant=""):
    """(seconds, peak resident KiB as the program reports it) of one run."""
    if suite == "programs":
        script, full, small = PROGRAMS[workload]
        size = small if quick else full
        seconds, peak, checksum = run_matching(command + [os.path.join(PROGRAMS_DIR, script), str(size)],
                                               [r"seconds=([0-9.]+)", r"peak_kb=(\d+)", r"checksum=(.*)"], 900)
        first = CHECKSUMS.setdefault((workload, size), (variant, checksum))
        if first[1] != checksum:
            raise RuntimeError(f"{workload} {size}: {variant} printed checksum={checksum}, "
                               f"{first[0]} printed checksum={first[1]}")
    else:
        _script, full, small, _extra = WORKLOADS[workload]
        argv = workload_argv(command, workload, threads, small if quick else full)
        seconds, peak = run_matching(argv, [r"seconds=([0-9.]+)", r"peak_kb=(\d+)"], 900)
    return float(seconds), int(peak or 0)


def machine_description():
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError):
        pass
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    return (f"{os.cpu_count()} cores ({model}){memory}, {platform.system()} {platform.release()}, "
            f"ftpy commit {commit}, {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}")


def plot(csv_path, out_dir):
    """Runs plot.py with a python3 that has matplotlib; returns the PNG names."""
    for python in [sys.executable, "/usr/bin/python3"]:
        if not shutil.which(python) and not os.path.exists(python):
            continue
        probe = subprocess.run([python, "-c", "import matplotlib"], capture_output=True)
        if probe.returncode == 0:
            out = subprocess.run([python, os.path.join(HERE, "plot.py"), csv_path, out_dir], check=True,
                                 capture_output=True, text=True).stdout
            return out.split()
    print("warning: no python3 with matplotlib (apt-get install python3-matplotlib); no plots", file=sys.stderr)
    return []


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--quick", action="store_true", help="small totals, 3 runs, threads 1, 2 and the core count")
    parser.add_argument("--threads", help="comma-separated thread counts (default 1..cores)")
    parser.add_argument("--runs", type=int, help="repetitions per cell (default 5, 3 with --quick)")
    parser.add_argument("--variants", default="ft,gil", help=f"from {','.join(VARIANTS)}")
    parser.add_argument("--suite", choices=["workloads", "programs"], default="workloads",
                        help="experiments/workloads/ (threads) or bench/programs/ (one thread)")
    parser.add_argument("--workloads", help="comma-separated names (default: the whole suite)")
    parser.add_argument("--no-python", action="store_true", help="skip the python3 reference")
    parser.add_argument("--no-build", action="store_true", help="use the existing build folders as they are")
    parser.add_argument("--ftpy", help="with --no-build: the ftpy binary to use for the ft variant")
    parser.add_argument("--out", help="output folder (default experiments/out/, or out/programs/)")
    parser.add_argument("--update-design", action="store_true", help="copy the report and plots to design/")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    suite = PROGRAMS if args.suite == "programs" else WORKLOADS
    args.out = args.out or os.path.join(HERE, "out", *(["programs"] if args.suite == "programs" else []))
    if args.suite == "programs":
        if args.threads and args.threads != "1":
            parser.error("--suite programs runs one thread")
        args.threads = "1"
    if args.threads:
        args.threads = [int(t) for t in args.threads.split(",")]
    elif args.quick:
        args.threads = sorted({1, min(2, cores), cores})
    else:
        args.threads = list(range(1, cores + 1))
    args.runs = args.runs or (3 if args.quick else 5)
    args.variants = args.variants.split(",")
    args.workloads = args.workloads.split(",") if args.workloads else list(suite)
    for v in args.variants:
        if v not in VARIANTS:
            parser.error(f"unknown variant {v!r}; choose from {', '.join(VARIANTS)}")
    for w in args.workloads:
        if w not in suite:
            parser.error(f"unknown {args.suite[:-1]} {w!r}; choose from {', '.join(suite)}")
    return args


def main():
    args = parse_args()
    started = time.monotonic()
    commands = {}
    for variant in args.variants:
        print(f"building {variant} ({VARIANTS[variant][0]}/)", file=sys.stderr, flush=True)
        if args.no_build:
            exe = args.ftpy if args.ftpy and variant == "ft" else os.path.join(ROOT, VARIANTS[variant][0], "ftpy")
        else:
            exe = build_variant(variant, os.cpu_count() or 1)
        commands[variant] = command_for(variant, exe)
    if not args.no_python and shutil.which(PYTHON):
        commands[PYTHON] = [PYTHON]

    cells = [(w, v, t) for w in args.workloads for v in commands for t in args.threads]
    total_runs = len(cells) * args.runs
    rows = []
    done = 0
    measuring = time.monotonic()
    for rep in range(args.runs):
        for workload, variant, threads in cells:
            seconds, rss_kb = run_once(commands[variant], workload, threads, args.quick, args.suite, variant)
            rows.append({"workload": workload, "variant": variant, "threads": threads, "run": rep + 1,
                         "seconds": seconds, "rss_kb": rss_kb})
            done += 1
            elapsed = time.monotonic() - measuring
            eta = elapsed / done * (total_runs - done)
            print(f"\r[{done}/{total_runs}] run {rep + 1} {workload} {variant} {threads}T {seconds:.3f}s"
                  f"  (about {eta:.0f}s left)   ", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    csv_path = os.path.join(args.out, "results.csv")
    with open(csv_path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["workload", "variant", "threads", "run", "seconds", "rss_kb"])
        writer.writeheader()
        writer.writerows(rows)
    pngs = plot(csv_path, args.out)
    invocation = "python3 experiments/run.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    text = report_mod.render(rows, machine=machine_description(), command=invocation.strip(),
                             variants={v: VARIANTS[v][3] for v in args.variants}, pngs=pngs,
                             quick=args.quick)
    with open(os.path.join(args.out, "report.md"), "w") as f:
        f.write(text)
    print(text)
    if args.update_design:
        update_design(args.out, text, pngs, args.suite)
    print(f"wrote {args.out}/results.csv, report.md{''.join(', ' + p for p in pngs)} "
          f"in {time.monotonic() - started:.0f}s", file=sys.stderr)


def update_design(out_dir, text, pngs, suite):
    """design/results.md (or results-programs.md) and its PNGs under design/results/."""
    design = os.path.join(ROOT, "design")
    os.makedirs(os.path.join(design, "results"), exist_ok=True)
    prefix = "programs-" if suite == "programs" else ""
    body = text
    for png in pngs:
        shutil.copy(os.path.join(out_dir, png), os.path.join(design, "results", prefix + png))
        body = body.replace(f"]({png})", f"](results/{prefix}{png})")
    what = ("the header comment of `bench/programs/NAME.py`" if suite == "programs"
            else "the header comment of `experiments/workloads/NAME.py`")
    header = (f"# Results{' (benchmark programs)' if suite == 'programs' else ''}\n\n"
              f"Generated by `experiments/run.py --update-design`; do not edit by hand. How to read it: "
              f"[README.md](README.md); what each {'program' if suite == 'programs' else 'workload'} does: {what}.\n\n")
    name = "results-programs.md" if suite == "programs" else "results.md"
    with open(os.path.join(design, name), "w") as f:
        f.write(header + body.split("\n", 1)[1])


if __name__ == "__main__":
    main()
