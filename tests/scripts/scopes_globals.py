x = "global x"
def read():
    return x
def shadow():
    x = "local x"
    return x
def modify():
    global x
    x = "modified"
print(read(), shadow(), read())
modify()
print(read(), x)
def outer():
    y = "outer y"
    def middle():
        def inner():
            return y
        return inner()
    return middle()
print(outer())
def counter_factory():
    count = 0
    def bump():
        nonlocal count
        count += 1
        return count
    def reset():
        nonlocal count
        count = 0
    return bump, reset
bump, reset = counter_factory()
print(bump(), bump(), bump())
reset()
print(bump())
def uses_builtin():
    return len([1, 2, 3])
len_backup = len
def len(x):
    return "shadowed"
print(uses_builtin())
del len
print(uses_builtin())
def late():
    return later_defined()
def later_defined():
    return "found at call time"
print(late())
class Holder:
    value = "class attr"
    def method(self):
        return value if False else Holder.value
print(Holder().method())
