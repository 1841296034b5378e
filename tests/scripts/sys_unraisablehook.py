# sys.unraisablehook receives the errors nobody can catch (a failing
# __del__, a weak-reference callback, a generator ignoring GeneratorExit at
# its finalization), as test.support.catch_unraisable_exception expects;
# sys.__unraisablehook__ is the default, and a failing hook is reported.
import io
import os
import re
import sys
import weakref

seen = []


def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.exc_traceback is not None,
                 args.err_msg, type(args.object).__name__))


print(sys.unraisablehook is sys.__unraisablehook__, type(sys.unraisablehook).__name__)
sys.unraisablehook = hook


class Bad:
    def __del__(self):
        raise ValueError("from __del__")


Bad()


class Target:
    pass


t = Target()
r = weakref.ref(t, lambda ref: 1 / 0)
del t


def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        yield 2


g = ignores_exit()
next(g)
del g

for s in seen:
    print(s)


def broken_hook(args):
    raise KeyError("hook")


captured = io.StringIO()
sys.stderr = captured
sys.unraisablehook = broken_hook
Bad()  # only the hook's own error is reported
sys.unraisablehook = sys.__unraisablehook__
Bad()
sys.stderr = sys.__stderr__
# The traceback names this file by its absolute path; keep only its name.
text = captured.getvalue().replace(os.path.abspath(__file__), os.path.basename(__file__))
print(re.sub(r"0x[0-9a-f]+", "0x?", text))
