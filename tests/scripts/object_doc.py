class C: pass
class D:
    "doc"
for o in (None, 1, C(), C, D(), D, object(), type, int, NotImplemented, ..., (lambda: 0), 1.5, "s", [], {}):
    try: d = o.__doc__
    except AttributeError as e: d = "ERR " + str(e)
    print(type(o).__name__, None if d is None else d.splitlines()[0][:20])
print('__doc__' in C.__dict__, C.__dict__['__doc__'])
