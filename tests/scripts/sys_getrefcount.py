# sys.getrefcount: the object's whole count (the argument's reference
# included), also for an object another thread created and still owns.
import sys
import threading


def local_counts():
    x = object()
    print(sys.getrefcount(x))
    l = [x, x]
    print(sys.getrefcount(x))
    d = {1: x}
    print(sys.getrefcount(x))
    del l, d
    print(sys.getrefcount(x))
    print(sys.getrefcount(None) > 1000)


local_counts()

made = []
ready = threading.Event()
finish = threading.Event()


def owner():
    obj = object()
    made.append(obj)
    ready.set()
    finish.wait()


t = threading.Thread(target=owner)
t.start()
ready.wait()
print("owned elsewhere:", sys.getrefcount(made[0]))
finish.set()
t.join()
print("owner gone:", sys.getrefcount(made[0]))
try:
    sys.getrefcount()
except TypeError as e:
    print("TypeError", e)
