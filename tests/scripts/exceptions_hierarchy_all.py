# Every builtin exception class with its MRO, as CPython 3.11 has them; the
# old OSError aliases; the errno numbers that construct an OSError subclass;
# and True/False/None as names in builtins.
import builtins
import errno

names = sorted(n for n in dir(builtins) if isinstance(getattr(builtins, n), type)
               and issubclass(getattr(builtins, n), BaseException))
print(len(names))
for n in names:
    cls = getattr(builtins, n)
    print(n, "->", " ".join(c.__name__ for c in cls.__mro__[1:]))

print(EnvironmentError is OSError, IOError is OSError)

for code in ("EAGAIN", "EALREADY", "EINPROGRESS", "ECHILD", "EPIPE", "ESHUTDOWN",
             "ECONNABORTED", "ECONNREFUSED", "ECONNRESET", "EEXIST", "ENOENT",
             "EISDIR", "ENOTDIR", "EINTR", "EACCES", "EPERM", "ESRCH", "ETIMEDOUT", "EINVAL"):
    e = OSError(getattr(errno, code), "message")
    print(code, type(e).__name__, e.errno == getattr(errno, code), e.strerror)

try:
    raise ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")
except ConnectionError as e:
    print("caught", type(e).__name__, e)

for w in (SyntaxWarning, FutureWarning, PendingDeprecationWarning, ImportWarning,
          UnicodeWarning, BytesWarning, ResourceWarning, EncodingWarning):
    print(w.__name__, issubclass(w, Warning), w("x").args)

print([getattr(builtins, n) for n in ("True", "False", "None")], getattr(builtins, "True") is True)

# The errno module: every name, and errorcode's choice among aliases.
enames = [n for n in dir(errno) if n.startswith("E")]
print(len(enames), len(errno.errorcode), sorted(errno.errorcode.items())[:5])
print(all(errno.errorcode[getattr(errno, n)] in enames for n in enames))
print([errno.errorcode[getattr(errno, n)] for n in ("EWOULDBLOCK", "EDEADLK", "EOPNOTSUPP")])
print(" ".join(f"{n}={getattr(errno, n)}" for n in enames))
