# Module objects are tracked by the cycle collector (design/gc.md): a
# module in a cycle is freed, with what only it refers to; live ones keep
# their namespaces. Output compared with CPython 3.11.
import gc
import sys
import threading
import types
import weakref


class Noisy:
    deleted = []

    def __init__(self, name):
        self.name = name

    def __del__(self):
        Noisy.deleted.append(self.name)


def collect():
    gc.collect()
    gc.collect()


gc.disable()

m = types.ModuleType("plain")
print(gc.is_tracked(m), gc.get_referents(m) == [m.__dict__])
m.self = m
m.payload = Noisy("plain")
r = weakref.ref(m)
del m
collect()
print("plain cycle freed:", r() is None, Noisy.deleted)

# A function in the module refers back through its globals.
m = types.ModuleType("funcs")
m.Noisy = Noisy
exec("def f():\n    return f\nkeep = Noisy('funcs')", m.__dict__)
m.__dict__["mod"] = m
r = weakref.ref(m)
rf = weakref.ref(m.f)
del m
collect()
print("module and function freed:", r() is None, rf() is None, Noisy.deleted)


class Derived(types.ModuleType):
    def describe(self):
        return "derived " + self.__name__


m = Derived("derived")
print(m.describe(), gc.is_tracked(m))
m.self = m
m.payload = Noisy("derived")
r = weakref.ref(m)
del m
collect()
print("derived cycle freed:", r() is None, Noisy.deleted)

# Live modules keep their namespaces, in sys.modules or only in a local.
live = types.ModuleType("live_module")
live.self = live
live.value = Noisy("live")
sys.modules["live_module"] = live
other = types.ModuleType("local_only")
other.self = other
other.value = [1, 2, 3]
collect()
import live_module

print(live_module is live, live_module.value.name, other.self.value, Noisy.deleted)
del sys.modules["live_module"], live, live_module
collect()
print("dropped from sys.modules:", Noisy.deleted)

# Modules made and dropped by other threads are collected too.
refs = []


def make(n):
    for i in range(n):
        mod = types.ModuleType("t%d" % i)
        exec("def g():\n    return mod\n", mod.__dict__)
        mod.mod = mod
        refs.append(weakref.ref(mod))


threads = [threading.Thread(target=make, args=(200,)) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
collect()
print("thread modules:", len(refs), sum(r() is not None for r in refs))

# A weak reference to a module, and its callback. (In the free-threaded
# build a module is deferred, so it dies at the next collection, not at
# its last reference, as in CPython 3.14t: design/refcounting.md.)
m = types.ModuleType("weak")
calls = []
r = weakref.ref(m, lambda ref: calls.append("callback"))
print(r() is m, weakref.getweakrefcount(m))
del m
collect()
print(r(), calls)
gc.enable()
