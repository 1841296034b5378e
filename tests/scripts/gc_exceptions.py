# Cycles through exceptions are freed by the cycle collector: an exception
# stored in its own attributes, args or __context__, a user subclass whose
# instance refers to an object that refers back, an exception group that
# contains an exception pointing at the group. Builtin exceptions take no
# weak references, so each check hangs a Token (whose __del__ logs) on the
# exception and looks for its entry after gc.collect().
import gc

gc.collect()
gc.disable()  # only the explicit collections below

freed = []


class Token:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        freed.append(self.name)


def dead_after_collect(make):
    e = make()
    e.token = Token(make.__name__)
    del e
    alive_before = make.__name__ not in freed
    gc.collect()
    return alive_before, make.__name__ in freed


def self_attr():
    e = ValueError("self")
    e.me = e
    return e


def self_args():
    e = KeyError("k")
    e.args = (e, 1)
    return e


def context_loop():
    a = TypeError("a")
    b = RuntimeError("b")
    a.__context__ = b
    b.__context__ = a
    return a


def cause_loop():
    a = OSError(2, "no file")
    b = LookupError("b")
    a.__cause__ = b
    b.__cause__ = a
    return a


def caught():
    try:
        raise ZeroDivisionError("caught")
    except ZeroDivisionError as e:
        saved = [e]
        e.saved = saved
        return e


print("self attribute:", dead_after_collect(self_attr))
print("self in args:", dead_after_collect(self_args))
print("context loop:", dead_after_collect(context_loop))
print("cause loop:", dead_after_collect(cause_loop))
print("caught and stored:", dead_after_collect(caught))

log = []


class Holder:
    def __init__(self, err):
        self.err = err


class AppError(Exception):
    def __init__(self, msg):
        super().__init__(msg)
        self.holder = Holder(self)

    def __del__(self):
        log.append(("del", self.args[0]))


def app_error():
    return AppError("app")


print("subclass with holder:", dead_after_collect(app_error), log)


def group_loop():
    inner = ValueError("inner")
    group = ExceptionGroup("group", [inner, TypeError("t")])
    inner.group = group
    return group


print("group loop:", dead_after_collect(group_loop))

# Alive exceptions are not touched.
keep = ValueError("kept")
keep.me = keep
gc.collect()
print("kept:", keep.me is keep, keep.args)

# The collector clears what it frees: a resurrected exception keeps args as a tuple.
resurrected = []


class Phoenix(Exception):
    def __del__(self):
        resurrected.append(self)


def phoenix():
    p = Phoenix("rise", 2)
    p.me = p
    return p


print("phoenix:", dead_after_collect(phoenix)[0], [r.args for r in resurrected])
print(gc.is_tracked(ValueError()), gc.is_tracked(AppError("x")))
gc.enable()
