# Shared helpers for the scaling workloads: split a fixed total amount of work
# over N threads, time it, and print one machine-readable line.
import sys
import threading
import time


def parse_args(default_total):
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    total = int(sys.argv[2]) if len(sys.argv) > 2 else default_total
    return threads, total


def run_threads(target, threads, total):
    """Runs target(share) on `threads` threads; returns (seconds, results)."""
    share = total // threads
    return run_parts(lambda k: target(share), threads)


def peak_kb():
    """This process's peak resident set size in KiB (VmHWM: the high-water
    mark of its own address space since exec; ru_maxrss from wait4 would
    include the parent's size at fork), 0 where /proc has none."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def report(name, threads, seconds):
    print(f"{name} threads={threads} seconds={seconds:.4f} peak_kb={peak_kb()}")


def run_parts(target, threads):
    """Runs target(k) for k in range(threads), one per thread; returns
    (seconds, results) with results[k] = target(k)."""
    results = [None] * threads

    def body(k):
        results[k] = target(k)

    workers = [threading.Thread(target=body, args=(k,)) for k in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start, results
