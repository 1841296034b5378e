from . import cycle_b
value_a = "a"
