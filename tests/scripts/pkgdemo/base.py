print("pkgdemo.base:", __name__, __package__)
class Base:
    kind = "base"
def helper():
    return "helper in " + __name__
_hidden = 1
public_value = 2
