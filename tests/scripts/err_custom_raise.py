try:
    raise 5
except TypeError as e:
    print(e)
try:
    raise ValueError
except ValueError as e:
    print(repr(e))
try:
    raise
except RuntimeError as e:
    print(e)
raise OverflowError("custom overflow", 42)
