# array.array of C ints (src/modules/array_items.cc): build one from a list
# of a million Python ints, turn it back into a list and sum it, five times.
import array
import time

values = list(range(1_000_000))
start = time.perf_counter()
for _ in range(5):
    a = array.array("i", values)
    back = a.tolist()
    total = sum(a)
assert total == sum(values) and back == values
print(time.perf_counter() - start)
