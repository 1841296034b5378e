from . import cycle_a
def read():
    return cycle_a.value_a
