# The walrus operator where CPython's grammar or scoping forbids it.
(a[0] := 1)
