# threading.local subclasses: __init__ runs with the constructor's
# arguments in each thread that uses the object; class attributes,
# properties and methods behave as on any class.
import threading


class Settings(threading.local):
    default = "class value"

    def __init__(self, level, *, tag="t"):
        self.level = level
        self.tag = tag
        self.inits = getattr(self, "inits", 0) + 1

    @property
    def doubled(self):
        return self.level * 2

    def bump(self):
        self.level += 1
        return self.level


s = Settings(5, tag="main")
print(s.level, s.tag, s.inits, s.doubled, s.default)
s.default = "instance value"
print(s.default, Settings.default, sorted(s.__dict__))
s.bump()

seen = []
lock = threading.Lock()


def worker(k):
    first = (s.level, s.tag, s.inits, s.default)
    for _ in range(k + 1):
        s.bump()
    with lock:
        seen.append((k, first, s.level))


threads = [threading.Thread(target=worker, args=(k,)) for k in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for entry in sorted(seen):
    print(entry)
print("main keeps its own:", s.level, s.default)

try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)

plain = threading.local()
plain.a = 1


def other():
    print("other thread sees a:", hasattr(plain, "a"))
    plain.a = 2


t = threading.Thread(target=other)
t.start()
t.join()
print(plain.a)
try:
    plain.missing
except AttributeError as e:
    print("AttributeError:", e)
del plain.a
print(hasattr(plain, "a"))
