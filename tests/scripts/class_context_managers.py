class Resource:
    def __init__(self, name, log):
        self.name, self.log = name, log
    def __enter__(self):
        self.log.append(f"open {self.name}")
        return self
    def __exit__(self, exc_type, exc, tb):
        self.log.append(f"close {self.name} ({exc_type.__name__ if exc_type else 'ok'})")
        return False
log = []
with Resource("a", log) as a, Resource("b", log) as b:
    log.append(f"using {a.name} {b.name}")
print(log)
log = []
try:
    with Resource("c", log):
        raise RuntimeError("boom")
except RuntimeError as e:
    log.append(f"caught {e}")
print(log)
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, t, v, tb):
        return t is not None and issubclass(t, self.types)
with Suppress(KeyError, IndexError):
    [][5]
print("suppressed IndexError")
try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("ZeroDivisionError not suppressed")
def in_function():
    with Resource("f", log):
        return "returned"
log = []
print(in_function(), log)
for i in range(3):
    with Resource(str(i), log):
        if i == 1:
            continue
        if i == 2:
            break
print(log)
