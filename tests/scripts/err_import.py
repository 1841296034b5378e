try:
    import does_not_exist
except ImportError as e:
    print(type(e).__name__, e)
from sys import nope
