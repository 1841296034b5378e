# _imp (what CPython's importlib asks of the interpreter), _warnings
# (forwarded to warnings.py) and marshal.version, through the library
# modules that use them: importlib.machinery, inspect, warnings.
import _imp
import importlib
import importlib.machinery
import sys
import warnings

import _warnings
import marshal

print(_imp.is_builtin("sys"), _imp.is_builtin("builtins"), _imp.is_builtin("_thread"), _imp.is_builtin("os"),
      _imp.is_builtin("no_such_module"))
# (No frozen modules and no C extensions in ftpy: CPython 3.11 freezes os
# and lists .so suffixes, so only names it does not freeze are shown.)
print(_imp.is_frozen("json"), _imp.find_frozen("json"), _imp.init_frozen("json"), type(_imp.extension_suffixes()))
for bad in [lambda: _imp.is_frozen_package("json"), lambda: _imp.get_frozen_object("zz")]:
    try:
        bad()
    except ImportError as e:
        print("ImportError", e)
for bad in [lambda: _imp.is_builtin(5), lambda: _imp.is_builtin()]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
print(_imp.check_hash_based_pycs, marshal.version)

print(_imp.lock_held())
_imp.acquire_lock()
_imp.acquire_lock()
print(_imp.lock_held())
_imp.release_lock()
_imp.release_lock()
print(_imp.lock_held())
try:
    _imp.release_lock()
except RuntimeError as e:
    print("RuntimeError", e)

spec = importlib.machinery.BuiltinImporter.find_spec("_thread")
print(spec.name, spec.origin, spec.loader is importlib.machinery.BuiltinImporter)
print(importlib.machinery.BuiltinImporter.find_spec("os"))
print(_imp.create_builtin(spec).__name__)
print(importlib.machinery.SOURCE_SUFFIXES, importlib.machinery.BYTECODE_SUFFIXES)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    _warnings.warn("first", DeprecationWarning)
    _warnings.warn("second")
    _warnings.warn_explicit("third", RuntimeWarning, "somefile.py", 42)

    def helper():
        _warnings.warn("from helper", UserWarning, stacklevel=2)

    helper()
for w in caught:
    print(w.category.__name__, w.message, w.filename.rsplit("/", 1)[-1], w.lineno)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        _warnings.warn("now an error", FutureWarning)
    except FutureWarning as e:
        print("FutureWarning", e)
