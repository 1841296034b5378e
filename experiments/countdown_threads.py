# The classic GIL demonstration, second half: the same countdown of
# 50,000,000 split over two threads. Under a GIL this is no faster than
# experiments/countdown.py; without one it should take about half the time.
import sys
import time
from threading import Thread

from countdown import COUNT, countdown


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else COUNT
    t1 = Thread(target=countdown, args=(count // 2,))
    t2 = Thread(target=countdown, args=(count // 2,))
    start = time.perf_counter()
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    print(f"{time.perf_counter() - start:.3f} s")


main()
