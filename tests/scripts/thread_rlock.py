# _thread.RLock (CPython's rlockobject) and CPython's functools, which
# imports it, against CPython 3.11.
import _thread
r = _thread.RLock()
print(repr(r).split(' at ')[0], r.acquire(), r.acquire(), r._is_owned(), repr(r).split(' owner=')[0], repr(r).split('count=')[1].split(' ')[0])
r.release(); r.release()
try: r.release()
except RuntimeError as e: print(e)
with r:
    with r:
        s = r._release_save(); print(s[0], s[1] == _thread.get_ident(), r._is_owned())
        r._acquire_restore(s); print(r._is_owned())
print(r._is_owned(), r.acquire(blocking=False), r.acquire(False))
r.release(); r.release()
try: r.acquire(False, 1)
except ValueError as e: print(e)
try: r._release_save()
except RuntimeError as e: print(e)
print(type(r).__name__, type(r).__module__)
import functools
print(functools.reduce(lambda a, b: a + b, [1, 2, 3]), functools.partial(pow, 2)(5))
