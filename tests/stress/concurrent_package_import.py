# Threads import a package and its submodules at the same time, in the four
# spellings (import a.b, from a import b, from a.b import x, __import__ with
# a fromlist). Each module body must run exactly once per round, every
# thread must see complete modules, and each submodule must end up bound on
# the package.
import sys
import threading

sys.path.insert(0, __file__.rsplit("/", 1)[0] + "/modules")
import import_log

THREADS = 8
ROUNDS = 30
NAMES = ["stresspkg", "stresspkg.shared", "stresspkg.a", "stresspkg.b", "stresspkg.c", "stresspkg.d"]


def spelling(i):
    if i % 4 == 0:
        import stresspkg.a
        return stresspkg.a.VALUE
    if i % 4 == 1:
        from stresspkg import b
        return b.VALUE
    if i % 4 == 2:
        from stresspkg.c import VALUE
        return VALUE
    return __import__("stresspkg.d", fromlist=["VALUE"]).VALUE


expected = {0: "value-a", 1: "value-b", 2: "value-c", 3: "value-d"}
for round_ in range(ROUNDS):
    for name in NAMES:
        sys.modules.pop(name, None)
    import_log.runs.clear()
    start = threading.Barrier(THREADS)
    seen = [None] * THREADS

    def worker(i):
        start.wait()
        seen[i] = spelling(i + round_)

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert seen == [expected[(i + round_) % 4] for i in range(THREADS)], seen
    assert sorted(import_log.runs) == sorted(NAMES), (round_, import_log.runs)
    assert import_log.runs[0] == "stresspkg", import_log.runs
    pkg = sys.modules["stresspkg"]
    for name in NAMES[1:]:
        assert getattr(pkg, name.split(".")[1]) is sys.modules[name], name
print("concurrent_package_import ok")
