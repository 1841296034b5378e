# fcntl (src/modules/fcntl.cc) against CPython 3.11: descriptor flags and
# status flags, pipe sizes, duplication, record locks through a packed
# struct flock, flock and lockf between two descriptors of one file,
# ioctl with an int, a bytes and a mutable buffer, and the error messages.
import fcntl
import os
import struct
import tempfile

from testkit import attempt as show

# Linux's ioctl request numbers (termios, which would name them, is not
# needed for this).
FIONREAD = 0x541B
TIOCGWINSZ = 0x5413


r, w = os.pipe()
flags = fcntl.fcntl(r, fcntl.F_GETFD)
print("cloexec", bool(flags & fcntl.FD_CLOEXEC))
fcntl.fcntl(r, fcntl.F_SETFD, flags | fcntl.FD_CLOEXEC)
print("cloexec now", bool(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC))
fl = fcntl.fcntl(w, fcntl.F_GETFL)
fcntl.fcntl(w, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print("nonblock", bool(fcntl.fcntl(w, fcntl.F_GETFL) & os.O_NONBLOCK), os.get_blocking(w))
os.set_blocking(w, True)
print("blocking again", os.get_blocking(w), bool(fcntl.fcntl(w, fcntl.F_GETFL) & os.O_NONBLOCK))
print("pipe size", fcntl.fcntl(r, fcntl.F_GETPIPE_SZ) > 0)
d = fcntl.fcntl(r, fcntl.F_DUPFD, 50)
print("dup at least 50", d >= 50)
os.close(d)


class HasFileno:
    def fileno(self):
        return r


print("fileno object", fcntl.fcntl(HasFileno(), fcntl.F_GETFD) == fcntl.fcntl(r, fcntl.F_GETFD))
os.write(w, b"12345")
buf = bytearray(struct.pack("i", 0))
print("FIONREAD mutate", fcntl.ioctl(r, FIONREAD, buf), struct.unpack("i", buf)[0])
print("FIONREAD bytes", struct.unpack("i", fcntl.ioctl(r, FIONREAD, b"\0\0\0\0"))[0])
print("FIONREAD copy", struct.unpack("i", fcntl.ioctl(r, FIONREAD, bytearray(4), False))[0])

with tempfile.TemporaryFile() as f:
    f.write(b"x" * 100)
    f.flush()
    fd = f.fileno()
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    other = os.open(f"/proc/self/fd/{fd}", os.O_RDWR)
    show("second flock", lambda: fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB))
    fcntl.flock(fd, fcntl.LOCK_UN)
    print("after unlock", fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB))
    fcntl.flock(other, fcntl.LOCK_UN)
    os.close(other)
    print("lockf", fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0, os.SEEK_SET), fcntl.lockf(fd, fcntl.LOCK_UN, 10))
    # F_GETLK with a packed struct flock (type, whence, start, len, pid).
    lock = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 0, 0, 0)
    got = fcntl.fcntl(fd, fcntl.F_GETLK, lock)
    print("getlk", len(got) == len(lock), struct.unpack("hhqqi", got)[0] == fcntl.F_UNLCK)
    show("ioctl on a file", lambda: fcntl.ioctl(fd, TIOCGWINSZ, b"\0" * 8))

show("bad fd", lambda: fcntl.fcntl(9999, fcntl.F_GETFD))
show("negative fd", lambda: fcntl.fcntl(-1, fcntl.F_GETFD))
show("not a descriptor", lambda: fcntl.fcntl("x", fcntl.F_GETFD))
show("float arg", lambda: fcntl.fcntl(r, fcntl.F_SETFD, 1.5))
show("float ioctl", lambda: fcntl.ioctl(r, FIONREAD, 1.5))
show("long string", lambda: fcntl.fcntl(r, fcntl.F_GETLK, b"x" * 1025))
show("long ioctl", lambda: fcntl.ioctl(r, FIONREAD, b"x" * 1025))
show("bad flock op", lambda: fcntl.flock(r, 12345))
show("bad lockf", lambda: fcntl.lockf(r, 0))
show("no args", lambda: fcntl.fcntl())
show("keywords", lambda: fcntl.flock(fd=r, operation=1))
print(fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB, fcntl.LOCK_UN, fcntl.F_GETFD, fcntl.F_SETFL, fcntl.FD_CLOEXEC,
      fcntl.F_OFD_SETLK, fcntl.F_ADD_SEALS, fcntl.DN_MULTISHOT)
print(sorted(n for n in dir(fcntl) if not n.startswith("_")))
os.close(r)
os.close(w)
