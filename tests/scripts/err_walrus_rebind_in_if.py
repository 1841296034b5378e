# The walrus operator where CPython's grammar or scoping forbids it.
def f():
    [j for j in range(3) if (j := 1)]
