# A module-level annotation is evaluated: an undefined name is a NameError.
count: int = 0
limit: Bound = 10
