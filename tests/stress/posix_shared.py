# The posix module from four threads: one scandir iterator shared by all
# of them hands out each entry exactly once; the entries' cached stat
# results are filled by several threads at once and agree; and each thread
# moves data through its own pipe (read and write detach while blocked)
# while the others do the same, with every byte arriving.
#
# CPython 3.11 itself crashes (segfault) when threads share one scandir
# iterator: it calls readdir on one DIR* from several threads. ftpy reads
# it under the iterator's critical section. On CPython each thread
# therefore gets its own iterator here.
import os
import sys
import threading

THREADS = 4
FILES = 300
ROUNDS = 200

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
base = "/tmp/ftpy-posix-stress-%d" % os.getpid()
os.mkdir(base)


def run(target):
    threads = [threading.Thread(target=target, args=(k,)) for k in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


try:
    for i in range(FILES):
        fd = os.open(os.path.join(base, "f%03d" % i), os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, b"x" * i)
        os.close(fd)
    for rnd in range(5):
        got = [[] for _ in range(THREADS)]
        if sys.implementation.name == "ftpy":
            it = os.scandir(base)
            run(lambda k: got[k].extend(it))
        else:
            got[0].extend(os.scandir(base))
        entries = got[0] + got[1] + got[2] + got[3]
        names = sorted(e.name for e in entries)
        assert names == ["f%03d" % i for i in range(FILES)], len(names)
        sizes = [[] for _ in range(THREADS)]
        run(lambda k: sizes[k].extend(e.stat().st_size for e in entries))
        for k in range(THREADS):
            assert sizes[k] == [int(e.name[1:]) for e in entries]
        assert all(e.is_file() and not e.is_dir() for e in entries)

    def pipes(k):
        r, w = os.pipe()
        for i in range(ROUNDS):
            data = bytes([k]) * (i % 50 + 1)
            assert os.write(w, data) == len(data)
            assert os.read(r, 100) == data
        os.close(r)
        os.close(w)

    run(pipes)
finally:
    for name in os.listdir(base):
        os.unlink(os.path.join(base, name))
    os.rmdir(base)
assert not failures, failures
print("ok")
