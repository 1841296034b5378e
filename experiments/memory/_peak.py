# Prints this process's peak resident set size (VmHWM: the high-water mark of
# its own address space since exec) on stderr, for experiments/memory.py.
# (ru_maxrss from wait4 would include the parent's size at fork time.)
import atexit
import sys


def report():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                print("peak_kb=" + line.split()[1], file=sys.stderr)


atexit.register(report)
