# importlib finds what `import` finds (src/vm/import_finder.cc):
# import_module (absolute, relative, packages, submodules, namespace
# packages), util.find_spec, reload, and the errors. Output compared with
# CPython 3.11.
import importlib
import importlib.util
import os
import sys
import tempfile

root = tempfile.mkdtemp()
sys.path.insert(0, root)


def write(rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


write("flat_mod.py", "VALUE = 1\n")
write("pkg_a/__init__.py", "NAME = 'pkg_a'\n")
write("pkg_a/sub.py", "from . import helper\nDOUBLE = helper.X * 2\n")
write("pkg_a/helper.py", "X = 21\n")
write("ns_pkg/part.py", "WHERE = 'namespace portion'\n")

m = importlib.import_module("flat_mod")
print(m.VALUE, m.__name__, m.__spec__.name, m.__spec__.origin == os.path.join(root, "flat_mod.py"),
      m.__loader__ is not None, sys.modules["flat_mod"] is m)
sub = importlib.import_module("pkg_a.sub")
print(sub.DOUBLE, sub.__package__, sys.modules["pkg_a"].NAME, sys.modules["pkg_a"].sub is sub)
print(importlib.import_module(".helper", "pkg_a").X, importlib.import_module("..helper", "pkg_a.sub").X)
ns = importlib.import_module("ns_pkg.part")
print(ns.WHERE, list(sys.modules["ns_pkg"].__path__) == [os.path.join(root, "ns_pkg")])
print(importlib.import_module("json").dumps([1]), importlib.import_module("json.decoder").__name__)

spec = importlib.util.find_spec("pkg_a")
print(spec.name, os.path.basename(spec.origin), spec.parent, spec.submodule_search_locations == [os.path.join(root, "pkg_a")])
spec = importlib.util.find_spec("pkg_a.helper")
print(spec.name, spec.parent, os.path.basename(spec.origin), spec.has_location)
print(importlib.util.find_spec("no_such_module_here"), importlib.util.find_spec("pkg_a.missing"))
print(importlib.util.find_spec("gc").origin, importlib.util.find_spec("gzip").name)

# reload runs the new source in the same module object.
write("flat_mod.py", "VALUE = 2\n")
again = importlib.reload(m)
print(again is m, m.VALUE)

for name, package in (("no_such_module_here", None), ("flat_mod.child", None), (".x", None), ("pkg_a.nope", None)):
    try:
        importlib.import_module(name, package)
    except (ImportError, TypeError) as e:
        print(type(e).__name__ + ":", e)
