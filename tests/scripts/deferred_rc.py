# Deferred reference counting (design/refcounting.md): functions made by
# `def` outside any function and every class are counted per thread and
# freed only by the collector. Their counts read as CPython's, they are
# reclaimed once unreachable (by a collection), and references made on
# other threads, including threads that have exited, keep them alive.
import gc
import sys
import threading
import weakref


def module_function():
    return 1


class Module:
    def method(self):
        return 2


# Counts as CPython's: the name binding plus getrefcount's argument.
print("function count:", sys.getrefcount(module_function))
held = [module_function, module_function]
print("held twice:", sys.getrefcount(module_function))
del held
print("released:", sys.getrefcount(module_function))
base = sys.getrefcount(Module)
instances = [Module() for i in range(10)]
print("ten instances hold their class:", sys.getrefcount(Module) - base)
del instances
print("instances released:", sys.getrefcount(Module) - base)

# CO_NESTED (0x10) as CPython sets it.
def outer():
    def inner():
        pass
    class Local:
        def method(self):
            pass
    return inner, Local.method


inner, local_method = outer()
print("nested flags:", bool(module_function.__code__.co_flags & 0x10), bool(inner.__code__.co_flags & 0x10),
      bool(local_method.__code__.co_flags & 0x10), bool(Module.method.__code__.co_flags & 0x10))


# A class whose methods use super() and __class__: the cell holding the
# class is reached from its methods, which are in the class's dict.
def make_class():
    class Base:
        def hello(self):
            return "base"

    class Derived(Base):
        def hello(self):
            return "derived+" + super().hello()

        def cls(self):
            return __class__

    d = Derived()
    print(d.hello(), d.cls().__name__)
    return weakref.ref(Base), weakref.ref(Derived), weakref.ref(Derived.hello)


refs = make_class()
gc.collect()
print("classes with super() freed:", [r() is None for r in refs])

# Module-level functions made by exec (deferred: not nested) and dropped.
namespace = {}
function_refs = []
for i in range(50):
    exec(f"def made(): return {i}", namespace)
    function_refs.append(weakref.ref(namespace["made"]))
print("last made:", namespace["made"]())
del namespace
gc.collect()
print("exec'd functions freed:", sum(r() is None for r in function_refs), "of", len(function_refs))


# A weak reference callback runs once the function is freed: at its last
# decref on CPython 3.11, by the next collection on ftpy (the deliberate
# difference design/refcounting.md describes; CPython 3.14t does the same).
log = []
namespace = {}
exec("def target(): pass", namespace)
callback_ref = weakref.ref(namespace["target"], lambda r: log.append("target freed"))
namespace.clear()
gc.collect()
print("after collect:", log)


# References made on other threads count, including those of threads that
# exit while holding them (their counts move to the object).
def make_on_thread(out):
    exec("def threaded(): return 'threaded'", out)

    class Threaded:
        def go(self):
            return "go"

    out["Threaded"] = Threaded
    out["keep"] = [out["threaded"]] * 100


made = {}
t = threading.Thread(target=make_on_thread, args=(made,))
t.start()
t.join()
gc.collect()
print("made on an exited thread:", made["threaded"](), made["Threaded"]().go())
print("count after the thread exited:", sys.getrefcount(made["threaded"]) - sys.getrefcount(module_function))
weak_threaded = weakref.ref(made["threaded"])
weak_class = weakref.ref(made["Threaded"])
del made
gc.collect()
print("freed after the last reference:", weak_threaded() is None, weak_class() is None)


# Many threads increfing and decrefing one function and one class: the
# counts are exact afterwards.
def hammer(n):
    keep = []
    for i in range(n):
        keep.append(module_function)
        keep.append(Module())
        if len(keep) > 50:
            keep.clear()


before = sys.getrefcount(module_function), sys.getrefcount(Module)
threads = [threading.Thread(target=hammer, args=(2000,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counts unchanged after threads:", (sys.getrefcount(module_function), sys.getrefcount(Module)) == before)

# Classes made in a loop, then dropped: all collected.
class_refs = []
for i in range(300):
    cls = type(f"Made{i}", (Module,), {"value": i})
    class_refs.append(weakref.ref(cls))
del cls
gc.collect()
print("classes freed:", sum(r() is None for r in class_refs), "of", len(class_refs))
