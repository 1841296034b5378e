# Class-protocol state changed by one thread while four others use it:
#  - a shared object of a class derived from super, filled again by
#    super.__init__ with another class and instance;
#  - this module's __class__, switched between ModuleType and a class with
#    a property (the module-properties idiom);
#  - __getattr__ stored on and deleted from a base class after its
#    subclass's instances exist;
#  - __bases__ of a class whose metaclass overrides mro(), switched between
#    two bases.
# Readers see one state or the other, never a crash or a wrong value; every
# outcome is counted, and the final states are exact.
import sys
import threading
import types

THREADS = 4
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
TOGGLES = 40  # readers go on until the writer has changed everything this often

failures = []
threading.excepthook = lambda args: failures.append(args.exc_value)
start = threading.Barrier(THREADS + 1)
stop = threading.Event()


class Root:
    def who(self):
        return "root"


class One(Root):
    def who(self):
        return "one"


class Two(Root):
    def who(self):
        return "two"


class mysuper(super):
    pass


one, two = One(), Two()
shared_super = mysuper(One, one)  # super(One, one).who() is Root's


class WithAnswer(types.ModuleType):
    @property
    def answer(self):
        return 42


here = sys.modules[__name__]
value = 7


class Base:
    pass


class Leaf(Base):
    pass


leaf = Leaf()


class Meta(type):
    def mro(cls):
        return type.mro(cls)


class P1(metaclass=Meta):
    def tag(self):
        return "p1"


class P2(metaclass=Meta):
    def tag(self):
        return "p2"


class K(P1):
    pass


k = K()


toggles = [0]


def reader(counts):
    start.wait()
    i = 0
    while i < ROUNDS or toggles[0] < TOGGLES:
        i += 1
        counts["reads"] += 1
        assert shared_super.who() == "root"
        assert shared_super.__thisclass__ in (One, Two)
        try:
            assert here.answer == 42
            counts["answer"] += 1
        except AttributeError:
            counts["no answer"] += 1
        assert here.value == 7
        try:
            assert leaf.missing == "hooked missing"
            counts["hooked"] += 1
        except AttributeError:
            counts["not hooked"] += 1
        tag = k.tag()
        assert tag in ("p1", "p2"), tag
        counts[tag] += 1


def writer():
    start.wait()
    i = 0
    while not stop.is_set():
        i += 1
        if i % 2:
            super.__init__(shared_super, Two, two)
        else:
            super.__init__(shared_super, One, one)
        here.__class__ = WithAnswer if i % 2 else types.ModuleType
        if i % 2:
            Base.__getattr__ = lambda self, name: "hooked " + name
        else:
            del Base.__getattr__
        K.__bases__ = (P2,) if i % 2 else (P1,)
        toggles[0] = i
        stop.wait(0.001)


results = [dict.fromkeys(["reads", "answer", "no answer", "hooked", "not hooked", "p1", "p2"], 0) for _ in range(THREADS)]
threads = [threading.Thread(target=reader, args=(results[n],)) for n in range(THREADS)]
writing = threading.Thread(target=writer)
for t in threads + [writing]:
    t.start()
for t in threads:
    t.join()
stop.set()
writing.join()
assert not failures, failures

totals = {key: sum(r[key] for r in results) for key in results[0]}
reads = totals["reads"]
assert reads >= THREADS * ROUNDS and toggles[0] >= TOGGLES, (reads, toggles)
assert totals["answer"] + totals["no answer"] == reads, totals
assert totals["hooked"] + totals["not hooked"] == reads, totals
assert totals["p1"] + totals["p2"] == reads, totals

# Final states, set once more from here.
super.__init__(shared_super, One, one)
here.__class__ = WithAnswer
Base.__getattr__ = lambda self, name: "last " + name
K.__bases__ = (P2,)
assert (shared_super.__thisclass__, shared_super.__self__) == (One, one)
assert here.answer == 42 and type(here) is WithAnswer
assert leaf.gone == "last gone"
assert k.tag() == "p2" and K.__mro__ == (K, P2, object)
assert P2.__subclasses__() == [K] and P1.__subclasses__() == []
print("ok")
