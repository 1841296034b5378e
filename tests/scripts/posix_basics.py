# The posix module under os and os.path, against python3: files and
# directories in a private scratch folder, stat results, scandir entries,
# file descriptors, the environment, and CPython's errors.
import os
import stat
import sys

base = os.path.join("/tmp", "ftpy-posix-test-%d" % os.getpid())
os.mkdir(base)
try:
    os.chdir(base)
    print(os.getcwd() == base, os.getcwdb() == os.fsencode(base))
    os.makedirs("a/b/c")
    with_fd = os.open("a/file.txt", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    print(os.write(with_fd, b"hello\nworld\n"), os.isatty(with_fd))
    os.close(with_fd)
    fd = os.open("a/file.txt", os.O_RDONLY)
    print(os.read(fd, 5), os.lseek(fd, 0, os.SEEK_CUR), os.read(fd, 100), os.read(fd, 10))
    st = os.fstat(fd)
    os.close(fd)
    print(st.st_size, stat.S_ISREG(st.st_mode), oct(stat.S_IMODE(st.st_mode)) in ("0o644", "0o664", "0o600"))
    s = os.stat("a/file.txt")
    print(s.st_size == s[6], type(s.st_mtime).__name__, type(s[8]).__name__, s.st_mtime_ns // 10**9 == s[8])
    print(len(s), s.n_fields, s.n_sequence_fields, s.n_unnamed_fields, type(s).__name__, type(s).__module__)
    print(sorted(os.listdir("a")), sorted(os.listdir(b"a")))
    dfd = os.open("a", os.O_RDONLY)
    print(sorted(os.listdir(dfd)), sorted(os.listdir(dfd)))
    os.close(dfd)
    entries = sorted(os.scandir("a"), key=lambda e: e.name)
    print([(e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink()) for e in entries])
    print(entries[0].stat().st_mode == os.stat("a/b").st_mode, os.fspath(entries[1]), repr(entries[1]))
    os.symlink("file.txt", "a/link")
    print(os.readlink("a/link"), os.path.islink("a/link"), os.path.isfile("a/link"), os.lstat("a/link").st_size)
    link = [e for e in os.scandir("a") if e.name == "link"][0]
    print(link.is_symlink(), link.is_file(), link.is_file(follow_symlinks=False))
    os.rename("a/file.txt", "a/renamed.txt")
    print(os.path.exists("a/file.txt"), os.path.exists("a/renamed.txt"), os.path.exists("a/link"))
    os.replace("a/renamed.txt", "a/file.txt")
    os.chmod("a/file.txt", 0o600)
    print(oct(stat.S_IMODE(os.stat("a/file.txt").st_mode)), os.access("a/file.txt", os.R_OK),
          os.access("nope", os.F_OK))
    os.utime("a/file.txt", (1000000000, 1500000000))
    print(os.stat("a/file.txt").st_mtime, os.stat("a/file.txt")[7])
    walked = [(d, sorted(ds), sorted(fs)) for d, ds, fs in os.walk("a")]
    print(sorted(walked))
    r, w = os.pipe()
    os.write(w, b"through the pipe")
    os.close(w)
    print(os.read(r, 100), os.read(r, 100), os.get_inheritable(r))
    os.close(r)
    for bad in [lambda: os.stat("missing"), lambda: os.rmdir("a"), lambda: os.mkdir("a"),
                lambda: os.rename("missing", "x"), lambda: os.close(99999),
                lambda: os.listdir("missing"), lambda: os.scandir("missing"), lambda: os.unlink("a")]:
        try:
            bad()
        except OSError as e:
            print(type(e).__name__, e.errno, e.filename, e.filename2, str(e).replace(base, "BASE"))
    for bad in [lambda: os.stat(3.5), lambda: os.stat("a\0b"), lambda: os.listdir(["x"]),
                lambda: os.stat(b"a\0b"), lambda: os.fspath(1), lambda: os.read(0, -1) if False else os.write(1, "s")]:
        try:
            bad()
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    os.environ["FTPY_TEST_VAR"] = "value"
    print(os.environ["FTPY_TEST_VAR"], os.getenv("FTPY_TEST_VAR"), "FTPY_TEST_VAR" in os.environ)
    del os.environ["FTPY_TEST_VAR"]
    print(os.getenv("FTPY_TEST_VAR"), os.environb.get(b"PATH") == os.fsencode(os.environ.get("PATH", "")) or "PATH" not in os.environ)
    print(os.getpid() > 0, os.getppid() != os.getpid(), len(os.urandom(16)), os.urandom(8) != os.urandom(8), os.strerror(2))
    print(os.cpu_count() >= 1, os.uname().sysname, len(os.times()), type(os.times().user).__name__)
    print(os.path.abspath("a/../a/b") == os.path.join(base, "a", "b"), os.path.realpath("a/link") == os.path.join(base, "a", "file.txt"))
    print(os.waitstatus_to_exitcode(256), os.waitstatus_to_exitcode(9), os.sep, os.linesep == "\n", os.name)
    print("posix" in sys.builtin_module_names, sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())
finally:
    os.chdir("/")
    for root, dirs, files in os.walk(base, topdown=False):
        for f in files:
            os.unlink(os.path.join(root, f))
        for d in dirs:
            p = os.path.join(root, d)
            (os.unlink if os.path.islink(p) else os.rmdir)(p)
    os.rmdir(base)
print(os.path.exists(base))
