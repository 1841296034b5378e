# Closure cells and exception objects shared between threads.
# Part 1: threads replace a nonlocal (a cell) with fresh objects while
# others read it without a lock: every read is a complete value some thread
# stored, and a counter cell updated under a lock ends exact.
# Part 2: one module-level exception object raised in every thread at once
# (each raise appends to its traceback), notes added from every thread, and
# __traceback__ read and cleared while others raise: no note is lost, every
# traceback read is a well-formed chain.
# Part 3: groups of shared member exceptions split by except* in every thread.
import threading

THREADS = 6
ITERS = 20000


def make_shared():
    current = (0, 0)
    total = 0
    lock = threading.Lock()

    def store(v):
        nonlocal current
        current = (v, -v)

    def load():
        return current

    def add():
        nonlocal total
        with lock:
            total += 1

    def result():
        return total

    return store, load, add, result


store, load, add, result = make_shared()
barrier = threading.Barrier(THREADS)


def cell_worker(k):
    barrier.wait()
    for i in range(ITERS):
        store(k * ITERS + i)
        a, b = load()
        assert a == -b, (a, b)
        add()
        cell = load.__closure__[0]
        a, b = cell.cell_contents
        assert a == -b


threads = [threading.Thread(target=cell_worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert result() == THREADS * ITERS, result()
a, b = load()
assert a == -b and a % ITERS == ITERS - 1, (a, b)

SHARED = ValueError("shared")
RAISES = 3000


def thrower():
    raise SHARED


def exc_worker(k):
    barrier.wait()
    for i in range(RAISES):
        try:
            thrower()
        except ValueError as e:
            assert e is SHARED
            # Raising an exception object again extends its traceback (as
            # in CPython), so threads also clear it now and then, racing
            # with the raises that append to it.
            if i % 50 == k:
                e.__traceback__ = None
            tb = e.__traceback__
            depth = 0
            while tb is not None and depth < 100:
                assert tb.tb_lineno > 0 and tb.tb_frame.f_code.co_name in ("thrower", "exc_worker"), tb.tb_lineno
                depth += 1
                tb = tb.tb_next
            # depth may be 0: another thread may have cleared it since.
        if i % 10 == 0:
            SHARED.add_note("k%d-%d" % (k, i))


threads = [threading.Thread(target=exc_worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
# Part 3: groups of the same member exceptions raised and split by except*
# in every thread at once; every clause sees exactly its members, and what
# no clause handles comes back with the original's message. (Each thread
# raises a group object of its own: re-raising one shared group object
# from several threads makes the split parts' tracebacks differ from the
# original's, and CPython then wraps the rest in a new group, too.)
MEMBERS = [ValueError(1), TypeError(2), ExceptionGroup("inner", [KeyError(3), ValueError(4)])]
handled = [0] * THREADS


def group_worker(k):
    barrier.wait()
    for i in range(RAISES):
        try:
            try:
                raise ExceptionGroup("shared group", MEMBERS)
            except* ValueError as e:
                assert [x.args[0] for x in e.exceptions[:1]] == [1], e
                assert repr(e.exceptions[1]) == "ExceptionGroup('inner', [ValueError(4)])", e
                handled[k] += 1
            except* KeyError as e:
                assert repr(e) == "ExceptionGroup('shared group', [ExceptionGroup('inner', [KeyError(3)])])", e
                handled[k] += 1
        except ExceptionGroup as rest:
            assert rest.message == "shared group" and repr(rest.exceptions) == "(TypeError(2),)", rest
            handled[k] += 1


threads = [threading.Thread(target=group_worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert handled == [3 * RAISES] * THREADS, handled

notes = SHARED.__notes__
assert len(notes) == THREADS * (RAISES // 10), len(notes)
assert sorted(notes) == sorted("k%d-%d" % (k, i) for k in range(THREADS) for i in range(0, RAISES, 10))
print("cells_and_exceptions_shared ok")
