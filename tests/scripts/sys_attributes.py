# The sys attributes the standard library reads, against python3: their
# types and the values both interpreters share, audit hooks, exception(),
# getsizeof's errors, and the trace hooks' storage.
import os
import sys

print(type(sys.warnoptions).__name__, type(sys._xoptions).__name__, os.path.isabs(sys.executable))
print(sys.prefix == sys.base_prefix == sys.exec_prefix, os.path.isdir(sys.prefix), sys.platlibdir)
print(type(sys.dont_write_bytecode).__name__, type(sys.meta_path).__name__, type(sys.path_hooks).__name__,
      type(sys.path_importer_cache).__name__)
print(sys.maxunicode, sys.float_repr_style, sys.getdefaultencoding(), sys.is_finalizing())
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig, sys.float_info[0])
print(sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.imag, sys.hash_info.algorithm)
print(hash(float("inf")) == sys.hash_info.inf, hash(2 ** 61 - 1) == 0, type(sys.int_info.bits_per_digit).__name__)
print(type(sys.thread_info).__name__, sys.thread_info.name, sys.orig_argv[-1].endswith("sys_attributes.py"))
print(sorted(m for m in ("sys", "builtins", "posix", "_thread", "itertools", "_collections") if m in sys.builtin_module_names))
events = []
sys.addaudithook(lambda event, args: events.append((event, args)) if event.startswith("test.") else None)
sys.audit("test.event", 1, "two")
sys.audit("other.event")
print(events)
try:
    sys.audit(5)
except TypeError as e:
    print(e)
print(sys.exception())
try:
    raise KeyError("k")
except KeyError:
    print(repr(sys.exception()))
print(sys.getsizeof(1, "d") > 0, type(sys.getsizeof("x")).__name__)


class Odd:
    def __sizeof__(self):
        return -1


class NoSize:
    __sizeof__ = None


try:
    sys.getsizeof(Odd())
except ValueError as e:
    print(e)
print(sys.getsizeof(NoSize(), "default"))


def tracer(frame, event, arg):
    return tracer


print(sys.gettrace(), sys.getprofile())
sys.settrace(tracer)
print(sys.gettrace() is tracer)
sys.settrace(None)
print(sys.gettrace())
