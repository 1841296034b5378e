# threading for ftpy, written on top of the _thread module (OS threads that
# run Python code in parallel, without a GIL in the default build).
# The API follows CPython's Lib/threading.py; the implementation is ftpy's.

import _thread
import sys

__all__ = ["Thread", "Lock", "RLock", "Condition", "Semaphore", "BoundedSemaphore", "Event",
           "Barrier", "BrokenBarrierError", "local", "current_thread", "main_thread", "get_ident",
           "active_count", "enumerate", "TIMEOUT_MAX", "excepthook", "stack_size", "Timer"]

get_ident = _thread.get_ident
Lock = _thread.allocate_lock
TIMEOUT_MAX = _thread.TIMEOUT_MAX
stack_size = _thread.stack_size
ThreadError = RuntimeError

_active_lock = _thread.allocate_lock()
_active = {}          # ident -> Thread, for started threads that have not finished
_counter_lock = _thread.allocate_lock()
_counter = 0


def _new_name(template):
    global _counter
    with _counter_lock:
        _counter += 1
        return template % _counter


class RLock:
    """A reentrant lock: the owning thread may acquire it again."""

    def __init__(self):
        self._block = _thread.allocate_lock()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        if not self._block.acquire(blocking, timeout):
            return False
        self._owner = me
        self._count = 1
        return True

    __enter__ = acquire

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    def _is_owned(self):
        return self._owner == get_ident()

    # Used by Condition to release and restore a lock acquired several times.
    def _release_save(self):
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state


class Condition:
    """Waiting for a condition: each waiter blocks on its own lock."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def _is_owned(self):
        if isinstance(self._lock, RLock):
            return self._lock._is_owned()
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def _release_save(self):
        if isinstance(self._lock, RLock):
            return self._lock._release_save()
        self._lock.release()
        return None

    def _acquire_restore(self, state):
        if isinstance(self._lock, RLock):
            self._lock._acquire_restore(state)
        else:
            self._lock.acquire()

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _thread.allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved = self._release_save()
        got = False
        try:
            if timeout is None:
                waiter.acquire()
                got = True
            else:
                got = waiter.acquire(True, timeout) if timeout > 0 else waiter.acquire(False)
            return got
        finally:
            self._acquire_restore(saved)
            if not got:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        while not result:
            if not self.wait(timeout) and timeout is not None:
                return predicate()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        for waiter in self._waiters[:n]:
            waiter.release()
        del self._waiters[:n]

    def notify_all(self):
        self.notify(len(self._waiters))


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        with self._cond:
            while self._value == 0:
                if not blocking:
                    return False
                if not self._cond.wait(timeout) and timeout is not None:
                    return False
            self._value -= 1
            return True

    __enter__ = acquire

    def release(self, n=1):
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        super().__init__(value)
        self._initial = value

    def release(self, n=1):
        with self._cond:
            if self._value + n > self._initial:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


class Event:
    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            if not self._flag:
                self._cond.wait(timeout)
            return self._flag


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self._cond = Condition(Lock())
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._count = 0
        self._generation = 0
        self._broken = False

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        return self._count

    @property
    def broken(self):
        return self._broken

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            if self._broken:
                raise BrokenBarrierError
            generation = self._generation
            index = self._count
            self._count += 1
            if self._count == self._parties:
                if self._action:
                    self._action()
                self._count = 0
                self._generation += 1
                self._cond.notify_all()
                return index
            while generation == self._generation and not self._broken:
                if not self._cond.wait(timeout) and timeout is not None:
                    self._broken = True
                    self._cond.notify_all()
            if self._broken and generation == self._generation:
                raise BrokenBarrierError
            return index

    def abort(self):
        with self._cond:
            self._broken = True
            self._cond.notify_all()

    def reset(self):
        with self._cond:
            self._broken = False
            self._count = 0
            self._generation += 1
            self._cond.notify_all()


# Thread ident -> the per-thread dict maps of the `local` objects that
# thread has used.
_local_dicts_of = {}


def _local_state(self):
    return object.__getattribute__(self, "_local__state")


def _local_dict(self):
    """The calling thread's attribute dict of a `local`, made on first use.
    A subclass's __init__ runs again, with the constructor's arguments, in
    each new thread that touches the object (as CPython's local does)."""
    dicts, lock, args, kwargs = _local_state(self)
    ident = get_ident()
    with lock:
        d = dicts.get(ident)
        if d is not None:
            return d
        d = dicts[ident] = {}
        # Forgotten when this thread ends (Thread._bootstrap), so a later
        # thread that gets the same ident starts empty.
        _local_dicts_of.setdefault(ident, []).append(dicts)
    init = type(self).__init__
    if init is not object.__init__:
        init(self, *args, **kwargs)
    return d


def _local_class_attr(self, name):
    for klass in type(self).__mro__:
        if name in klass.__dict__:
            return True, klass.__dict__[name]
    return False, None


def _is_data_descriptor(value):
    kind = type(value)
    return hasattr(kind, "__set__") or hasattr(kind, "__delete__")


class local:
    """Attributes that each thread sees separately."""

    def __new__(cls, /, *args, **kwargs):
        if (args or kwargs) and cls.__init__ is object.__init__:
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        dicts = {}
        object.__setattr__(self, "_local__state", (dicts, _thread.allocate_lock(), args, kwargs))
        # The creating thread's dict exists before type() calls __init__.
        ident = get_ident()
        dicts[ident] = {}
        _local_dicts_of.setdefault(ident, []).append(dicts)
        return self

    def __getattribute__(self, name):
        if name == "_local__state":
            return object.__getattribute__(self, name)
        d = _local_dict(self)
        if name == "__dict__":
            return d
        found, attr = _local_class_attr(self, name)
        if found and _is_data_descriptor(attr):
            return object.__getattribute__(self, name)
        if name in d:
            return d[name]
        if found:
            return object.__getattribute__(self, name)
        # CPython's local is the C type _thread._local.
        shown = "_thread._local" if type(self) is local else type(self).__name__
        raise AttributeError(f"'{shown}' object has no attribute '{name}'")

    def __setattr__(self, name, value):
        if name == "__dict__":
            raise AttributeError(f"'{type(self).__name__}' object attribute '__dict__' is read-only")
        found, attr = _local_class_attr(self, name)
        if found and _is_data_descriptor(attr):
            return object.__setattr__(self, name, value)
        _local_dict(self)[name] = value

    def __delattr__(self, name):
        if name == "__dict__":
            raise AttributeError(f"'{type(self).__name__}' object attribute '__dict__' is read-only")
        found, attr = _local_class_attr(self, name)
        if found and _is_data_descriptor(attr):
            return object.__delattr__(self, name)
        d = _local_dict(self)
        if name not in d:
            raise AttributeError(name)
        del d[name]


class ExceptHookArgs:
    def __init__(self, exc_type, exc_value, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = None
        self.thread = thread


def excepthook(args):
    """Prints an exception that ended a thread, as CPython does."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    sys.stderr.write(f"Exception in thread {name}:\n")
    sys.stderr.flush()
    _thread._print_exception(args.exc_value)


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if group is not None:
            raise ValueError("group argument must be None for now")
        if name is None:
            name = _new_name("Thread-%d")
            if target is not None:
                try:
                    name += f" ({target.__name__})"
                except AttributeError:
                    pass
        self._target = target
        self._name = str(name)
        self._args = tuple(args)
        self._kwargs = {} if kwargs is None else dict(kwargs)
        self._daemonic = current_thread().daemon if daemon is None else bool(daemon)
        self._ident = None
        self._started = Event()
        self._finished = _thread.allocate_lock()
        self._is_stopped = False

    def __repr__(self):
        status = "initial"
        if self._started.is_set():
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += f" {self._ident}"
        return f"<{type(self).__name__}({self._name}, {status})>"

    def start(self):
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        _thread.start_new_thread(self._bootstrap, ())
        self._started.wait()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        # Released by the thread itself, in C, after everything below:
        # join() returns even if this method's own cleanup fails.
        self._finished = _thread._set_sentinel()
        self._ident = get_ident()
        with _active_lock:
            _active[self._ident] = self
        self._started.set()
        try:
            self.run()
        except BaseException as exc:
            excepthook(ExceptHookArgs(type(exc), exc, self))
        finally:
            for dicts in _local_dicts_of.pop(self._ident, ()):
                dicts.pop(self._ident, None)
            with _active_lock:
                _active.pop(self._ident, None)
            self._is_stopped = True

    def join(self, timeout=None):
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            acquired = self._finished.acquire()
        else:
            acquired = self._finished.acquire(True, max(timeout, 0))
        if acquired:
            self._finished.release()

    def _has_ended(self):
        return self._started.is_set() and not self._finished.locked()

    def is_alive(self):
        return self._started.is_set() and not self._is_stopped and not self._has_ended()

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = str(value)

    @property
    def ident(self):
        return self._ident

    native_id = ident

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = bool(daemonic)

    def getName(self):
        return self._name

    def isDaemon(self):
        return self._daemonic


class Timer(Thread):
    """Calls function(*args, **kwargs) after `interval` seconds, unless
    cancel() comes first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        """Stops the timer if it has not fired yet."""
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._ident = get_ident()
        self._started.set()
        with _active_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    def __init__(self):
        Thread.__init__(self, name=_new_name("Dummy-%d"), daemon=True)
        self._ident = get_ident()
        self._started.set()


_main_thread = _MainThread()


def current_thread():
    with _active_lock:
        t = _active.get(get_ident())
    return t if t is not None else _DummyThread()


def main_thread():
    return _main_thread


def active_count():
    with _active_lock:
        return len(_active)


def enumerate():
    with _active_lock:
        return list(_active.values())


_threading_atexits = []
_SHUTTING_DOWN = False


def _register_atexit(func, *arg, **kwargs):
    """Calls func(*arg, **kwargs) at exit, before the non-daemon threads
    are joined (CPython's; concurrent.futures stops its workers with it)."""
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append(lambda: func(*arg, **kwargs))


def _shutdown():
    """Called at interpreter exit: runs _register_atexit's functions (last
    first), then waits for every non-daemon thread."""
    global _SHUTTING_DOWN
    _SHUTTING_DOWN = True
    for atexit_call in reversed(_threading_atexits):
        atexit_call()
    while True:
        with _active_lock:
            # A thread whose cleanup failed stays in _active; it has ended
            # once its sentinel is released.
            pending = [t for t in _active.values()
                       if t is not _main_thread and not t.daemon and not t._has_ended()]
        if not pending:
            return
        for t in pending:
            t.join()
