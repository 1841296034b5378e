# A class keyword that no __init_subclass__ takes reaches object's, which
# accepts none.
class Base:
    pass


class Child(Base, color="red"):
    pass
