# staticmethod and classmethod objects: their own __get__ (partialmethod
# looks it up with getattr), the function's copied attributes, __wrapped__,
# __isabstractmethod__ (False without one), and abc's use of it.
import abc
import functools


def capture(*args, **kw):
    return args, kw


class A:
    static = functools.partialmethod(staticmethod(capture), 8)
    cls = functools.partialmethod(classmethod(capture), d=9)


print(A.static(), A().static())
print(A.cls()[1], A().cls()[0][0] is A)
sm, cm = staticmethod(capture), classmethod(capture)
print(sm.__get__(A(), A) is capture, sm.__get__(None, A) is capture, cm.__get__(A())()[0][0] is A)
print(sm.__name__, sm.__qualname__, sm.__module__, sm.__wrapped__ is capture, cm.__func__ is capture)
print(sm.__isabstractmethod__, cm.__isabstractmethod__)


class B(abc.ABC):
    @staticmethod
    @abc.abstractmethod
    def g():
        pass

    @classmethod
    @abc.abstractmethod
    def h(cls):
        pass


print(sorted(B.__abstractmethods__), B.__dict__["g"].__isabstractmethod__)
