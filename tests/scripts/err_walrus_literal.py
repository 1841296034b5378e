# The walrus operator where CPython's grammar or scoping forbids it.
print((1 := 2))
