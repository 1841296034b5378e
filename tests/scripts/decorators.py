def trace(fn):
    def wrapper(*args, **kwargs):
        print(f"call {fn.__name__}{args}")
        result = fn(*args, **kwargs)
        print(f"{fn.__name__} -> {result}")
        return result
    wrapper.__name__ = fn.__name__
    return wrapper
def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco
@trace
def add(a, b):
    return a + b
@repeat(3)
def hello(name):
    return f"hi {name}"
print(add(2, 3), hello("bob"), add.__name__)
def register(registry):
    def deco(fn):
        registry[fn.__name__] = fn
        return fn
    return deco
handlers = {}
@register(handlers)
def on_start():
    return "started"
@register(handlers)
def on_stop():
    return "stopped"
print(sorted(handlers), handlers["on_start"]())
@trace
@repeat(2)
def stacked(x):
    return x * 10
print(stacked(4))
class Service:
    @staticmethod
    @trace
    def ping():
        return "pong"
print(Service.ping())
