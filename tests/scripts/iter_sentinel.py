# iter(callable, sentinel), int() from bytes-like text, and builtin types
# that define no constructor.
items = [1, 2, 3, 0, 4]
it = iter(items.pop, 3)
print(type(it).__name__, list(it), items, list(it))


class Stop:
    def __init__(self):
        self.n = 0

    def __call__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration
        return self.n


print(list(iter(Stop(), None)))
calls = iter(lambda: 1 / 0, 5)
try:
    next(calls)
except ZeroDivisionError as e:
    print('raised', e)
try:
    iter(5, 5)
except TypeError as e:
    print(e)
try:
    iter()
except TypeError as e:
    print(e)
print(iter(iter, 0).__iter__ is not None, next(iter(lambda: 'x', 'y')))

# int() of bytes, bytearray and memoryview text.
print(int(b'12'), int(bytearray(b' -3 ')), int(memoryview(b'7_0')), int(b'ff', 16), int(bytearray(b'0b101'), 0))
for bad in [(b'1.5',), (b'\xff', 16), (bytearray(b'z'), 10), (memoryview(b'7'), 8)]:
    try:
        int(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# Builtins without a constructor refuse instances instead of making an
# uninitialized one.
for t in [type(iter([])), type(iter(range(3))), type({}.keys()), type(len), type(iter(len, 0))]:
    try:
        t()
    except TypeError as e:
        print(e)
print(type(None)(), type(NotImplemented)(), type(...)())
for t in [type(None), type(NotImplemented), type(...)]:
    try:
        t(1)
    except TypeError as e:
        print(e)
