import sys
import time
import helper_module
from helper_module import double, CONSTANT as C
import helper_module as hm
print(helper_module.double(21), double(2), C, hm is helper_module, helper_module.__name__)
print(type(time.time()), time.perf_counter() <= time.perf_counter(), type(time.monotonic()).__name__)
print(sys.argv[0], type(sys.argv), sys.getrecursionlimit(), "helper_module" in sys.modules, __name__)
t0 = time.perf_counter()
time.sleep(0.01)
print(time.perf_counter() - t0 >= 0.009)
print(sys.maxsize == 2 ** 63 - 1)
