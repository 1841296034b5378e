# Outside the class, the unmangled private name does not exist.
class Vault:
    def __init__(self):
        self.__gold = 100


v = Vault()
print(v._Vault__gold)
print(v.__gold)
