# The walrus operator where CPython's grammar or scoping forbids it.
[i := 0 for i in range(3)]
