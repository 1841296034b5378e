# __prepare__ must return a mapping for the class body's namespace.
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 42


class C(metaclass=Meta):
    pass
