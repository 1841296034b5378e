# The walrus operator where CPython's grammar or scoping forbids it.
class A:
    [z := 1 for q in range(2)]
