# The walrus operator where CPython's grammar or scoping forbids it.
a.b := 1
