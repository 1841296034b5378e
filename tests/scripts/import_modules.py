import mod_shapes
import mod_shapes as shapes
from mod_shapes import Circle, area_total, PI
from mod_shapes import Square as Sq
print(mod_shapes is shapes, mod_shapes.__name__, Circle(1).area() == PI)
print(area_total([Circle(2), Sq(3)]))
print(mod_shapes.counter(), mod_shapes.counter(), shapes.calls)
import mod_shapes
print(mod_shapes.calls, "imported once")
print(Sq.__module__, Sq(2))
if __name__ == "__main__":
    print("running as main")
