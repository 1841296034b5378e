"""The contract every program in bench/programs/ follows, so that
experiments/run.py (--suite programs) and tests/programs_test.py can run
them alike on ftpy and python3:

    PROGRAM.py [N]

runs the benchmark at size N (the program's default when absent), then
prints `checksum=VALUE` (identical on every interpreter for the same N; the
tests compare it with python3's), `seconds=S`, the time of the work alone,
measured in-process, start-up excluded, and `peak_kb=K`, the process's peak
resident memory (VmHWM)."""
import sys
import time


def main(run, default_n):
    n = int(sys.argv[1]) if len(sys.argv) > 1 else default_n
    start = time.perf_counter()
    checksum = run(n)
    seconds = time.perf_counter() - start
    print(f"checksum={checksum}")
    print(f"seconds={seconds:.4f}")
    print(f"peak_kb={peak_kb()}")


def peak_kb():
    """Peak resident set size in KiB (VmHWM: this address space's high-water
    mark since exec), 0 where /proc has none."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
