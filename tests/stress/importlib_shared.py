# importlib.import_module, importlib.util.find_spec and module.__spec__
# from several threads at once (src/vm/import_finder.cc). Threads import
# the same fresh modules, half through importlib and half with the import
# statement, and read the specs of shared modules while others make them
# on demand. Exact final state: each module body ran exactly once, every
# thread got the same module object, and each module ends with one spec.
import importlib
import importlib.util
import os
import sys
import tempfile
import threading

THREADS = 4
MODULES = 40
RUNS = []
root = tempfile.mkdtemp()
for i in range(MODULES):
    with open(os.path.join(root, f"stress_mod_{i}.py"), "w") as f:
        f.write(f"import __main__\n__main__.RUNS.append({i})\nVALUE = {i}\n")
os.makedirs(os.path.join(root, "stress_pkg"))
with open(os.path.join(root, "stress_pkg", "__init__.py"), "w") as f:
    f.write("import __main__\n__main__.RUNS.append('pkg')\n")
for i in range(MODULES):
    with open(os.path.join(root, "stress_pkg", f"leaf_{i}.py"), "w") as f:
        f.write(f"import __main__\n__main__.RUNS.append('leaf{i}')\nVALUE = {i}\n")
sys.path.insert(0, root)

got = [[] for _ in range(THREADS)]
specs = [[] for _ in range(THREADS)]
start = threading.Barrier(THREADS)


def worker(tid):
    start.wait()
    for k in range(MODULES):
        i = (k + tid * 7) % MODULES
        if tid % 2:
            m = importlib.import_module(f"stress_mod_{i}")
            leaf = importlib.import_module(f"stress_pkg.leaf_{i}")
        else:
            m = __import__(f"stress_mod_{i}")
            leaf = getattr(__import__(f"stress_pkg.leaf_{i}"), f"leaf_{i}")
        assert m.VALUE == i and leaf.VALUE == i
        got[tid].append((i, m, leaf))
        spec = importlib.util.find_spec(f"stress_mod_{i}")
        specs[tid].append((i, m.__spec__, spec))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

assert sorted(RUNS, key=str) == sorted(list(range(MODULES)) + ["pkg"] + [f"leaf{i}" for i in range(MODULES)], key=str), RUNS
for i in range(MODULES):
    mods = {id(m) for tid in range(THREADS) for (j, m, _) in got[tid] if j == i}
    leaves = {id(leaf) for tid in range(THREADS) for (j, _, leaf) in got[tid] if j == i}
    assert len(mods) == 1 and len(leaves) == 1, (i, mods, leaves)
    m = sys.modules[f"stress_mod_{i}"]
    final = m.__spec__
    assert final.name == f"stress_mod_{i}" and final.origin == os.path.join(root, f"stress_mod_{i}.py")
    for tid in range(THREADS):
        for (j, seen, found) in specs[tid]:
            if j == i:
                assert seen.name == found.name == final.name and seen.origin == final.origin
print("ok", len(RUNS))
