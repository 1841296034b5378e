# An exception in __set_name__ is re-raised as RuntimeError naming the
# descriptor, the attribute and the class, with the original as __cause__.
class Validator:
    def __set_name__(self, owner, name):
        raise ValueError(f"{name} is reserved")


class Form:
    id = Validator()
