# Builtin functions' __module__ and __qualname__, and the dunders builtin
# sequences list (no __radd__: CPython's sq_concat has no reflected form).
import time, posix, itertools, _thread
print(len.__module__, len.__qualname__, len.__name__, [].append.__module__, [].append.__qualname__)
print(time.time.__module__, time.time.__qualname__, posix.stat.__module__, _thread.allocate_lock.__module__)
print([n for n in ('__add__', '__radd__', '__mul__', '__rmul__') if n in dir(list)], [n for n in ('__add__', '__radd__') if n in dir(str)])
import collections
print([n for n in ('__add__', '__radd__', '__mul__', '__rmul__') if n in dir(collections.deque)])
class L(list):
    def __radd__(self, other): return 'radd'
print([1] + L([2]), L([2]) + [1], (1,) + (2,), 'a' + 'b')
# Builtin functions pickle by name, bound builtin methods as getattr().
import math
import pickle
print(len.__reduce__(), math.sqrt.__reduce__(), [].append.__reduce__()[1])
print(pickle.loads(pickle.dumps(len)) is len, pickle.loads(pickle.dumps(math.floor)) is math.floor)
