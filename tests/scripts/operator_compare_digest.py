# _operator._compare_digest (hmac.compare_digest): equal and unequal str and
# bytes-like pairs, and CPython's TypeErrors for mixed, non-ASCII and
# unsupported operands; operator.py keeps its own functions beside it.
import _operator as o
import operator
print(o.__doc__ == operator.__doc__)
for a,b in [(b'a',b'a'),('ab','ab'),('ab','ac'),('ab','abc'),(b'a',bytearray(b'a')),(1,2),('a',b'a'),(b'a','a'),('é','é'),(b'a', memoryview(b'a')),(b'', b'')]:
    try: print(o._compare_digest(a,b))
    except TypeError as e: print('TypeError', e)
print(operator.add(2, 3), operator.itemgetter(1)([5, 6]))
