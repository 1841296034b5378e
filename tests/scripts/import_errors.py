try:
    import no_such_module_anywhere
except ModuleNotFoundError as e:
    print(type(e).__name__, e, isinstance(e, ImportError))
try:
    from mod_shapes import does_not_exist
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
import math, random, sys, time
print(math.floor(2.5), type(random.random()).__name__, sys.platform, callable(time.sleep))
from math import sqrt as root, pi
print(root(81), round(pi, 4))
