# __del__ runs when the last reference goes (del, rebinding, end of a
# function, a container dropping it), once per object even when it
# resurrects the object, with the exception in flight preserved.
class A:
    def __del__(self):
        print("del", self.x)


a = A()
a.x = 1
del a
print("after del")
b = A()
b.x = 2
b = None
keep = []


class Phoenix:
    count = 0

    def __del__(self):
        Phoenix.count += 1
        keep.append(self)


p = Phoenix()
del p
print("resurrected:", Phoenix.count, len(keep))
keep.clear()
print("second death, no second __del__:", Phoenix.count)
try:
    try:
        raise KeyError("k")
    finally:
        x = A()
        x.x = "in finally"
        del x
except KeyError as k:
    print("KeyError kept", k)


class Sub(A):
    pass


s = Sub()
s.x = "subclass"
s = None


def f():
    local = A()
    local.x = "local at return"


f()
lst = [A() for _ in range(3)]
for i, o in enumerate(lst):
    o.x = f"item {i}"
del o  # the loop variable held the last item
lst.pop()
lst.clear()
d = {"k": A()}
d["k"].x = "dict value"
d["k"] = 5
print("end")
