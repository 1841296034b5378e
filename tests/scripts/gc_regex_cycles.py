# re.Pattern and re.Match objects are tracked by the cycle collector, as in
# CPython: a subject of a str subclass that holds its own match (or the
# matches finditer gave) is freed. (A scanner holding its subject is freed
# too, where CPython 3.11 leaks it: its scanner_traverse skips the subject,
# so that case is a unit test, GcTest.ARegexScannerCycleIsFreed.)
import gc
import re
import weakref


class S(str):
    pass


def match_cycle():
    s = S("abc abd")
    s.m = re.search("ab.", s)
    return weakref.ref(s)


def finditer_cycle():
    s = S("abc abd")
    s.all = list(re.finditer("ab", s))
    return weakref.ref(s)


def bytes_pattern_cycle():
    class B(bytes):
        pass
    class Marker:
        pass
    b = B(b"xyz")  # bytes subclasses take no weak references: a marker in its dict
    b.m = re.compile(b"y").search(b)
    b.marker = Marker()
    return weakref.ref(b.marker)


for build in (match_cycle, finditer_cycle, bytes_pattern_cycle):
    r = build()
    gc.collect()
    print(build.__name__, r() is None)

p = re.compile("x(?P<n>y)")
m = p.match("xy")
print(gc.is_tracked(p), gc.is_tracked(m), m.group("n"), m.re is p)
gc.collect()
print([x.span() for x in re.finditer("a", "banana")], m.span("n"), p.groupindex)
