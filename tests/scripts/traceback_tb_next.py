# tb_next is writable, with CPython's checks (unittest trims its own frames
# this way); the trimmed chain is what a later __traceback__ store keeps;
# generator.throw(type, value, tb) throws `value` itself when it is an
# instance of `type`, with `tb` as its traceback.
import sys
import traceback


def inner():
    raise ValueError("deep")


def middle():
    inner()


def outer():
    middle()


def chain_names(tb):
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    return names


try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    print(chain_names(tb))
    second = tb.tb_next
    second.tb_next = None
    print(chain_names(tb))
    e.__traceback__ = tb
    print([f.name for f in traceback.extract_tb(e.__traceback__)])
    for bad in [lambda: setattr(tb, "tb_next", 5), lambda: delattr(tb, "tb_next"), lambda: setattr(second, "tb_next", tb)]:
        try:
            bad()
        except (TypeError, ValueError) as err:
            print(type(err).__name__, err)
    try:
        tb.tb_lineno = 3
    except AttributeError as err:
        print("AttributeError", err)
    tb.tb_next = None
    print(tb.tb_next)


def gen():
    try:
        yield 1
    except Exception as e:
        yield ("caught", type(e).__name__, e.args, e.__context__)


for args_maker in [lambda e: (type(e), e), lambda e: (type(e), e, e.__traceback__), lambda e: (type(e), "text"),
                   lambda e: (type(e), ("a", "b")), lambda e: (type(e), None), lambda e: (e,)]:
    g = gen()
    next(g)
    try:
        raise KeyError("k")
    except KeyError as e:
        thrown = args_maker(e)
        got = g.throw(*thrown)
        print(got, got[3] is None, len(thrown) < 2 or thrown[1] is e and "same object" or "new object")
for bad in [lambda g: g.throw(KeyError("x"), "value"), lambda g: g.throw(5), lambda g: g.throw(KeyError, None, 5)]:
    g = gen()
    next(g)
    try:
        bad(g)
    except TypeError as err:
        print("TypeError", err)
