# Hostile sizes (issue 21): huge bytes(n), bytearray(n) and ljust widths raise
# MemoryError, an index past sys.maxsize OverflowError; nothing crashes.
import sys
try:
    bytes(10**12)
except MemoryError as e:
    print("MemoryError", e.args)
try:
    bytearray(10**13)
except MemoryError as e:
    print("MemoryError", e.args)
try:
    b"x".ljust(10**13)
except MemoryError as e:
    print("MemoryError", e.args)
try:
    bytes(10**20)
except OverflowError as e:
    print("OverflowError", e)
