# The walrus operator where CPython's grammar or scoping forbids it.
[x for x in (y := [1])]
