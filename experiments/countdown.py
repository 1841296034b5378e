# The classic GIL demonstration workload (David Beazley, "Understanding the
# Python GIL"): count down from N. Prints the elapsed wall time in seconds.
import sys
import time

COUNT = 50_000_000


def countdown(n):
    while n > 0:
        n -= 1


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    start = time.perf_counter()
    countdown(count)
    print(f"{time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
