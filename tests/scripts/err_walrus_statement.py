# The walrus operator where CPython's grammar or scoping forbids it.
x := 1
