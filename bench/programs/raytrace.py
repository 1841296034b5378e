# Ray tracing: spheres and a plane lit by two point lights, with shadows and
# one level of reflection, rendered at N x N pixels. A Vector class with
# operator dunders (+, -, *, dot, normalize), method calls and float math:
# the object-heavy floating-point workload. Checksum: the sum of the 8-bit
# colour channels and a position-weighted sum.
import math

from harness import main


class Vector:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, o):
        return Vector(self.x + o.x, self.y + o.y, self.z + o.z)

    def __sub__(self, o):
        return Vector(self.x - o.x, self.y - o.y, self.z - o.z)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def reflect(self, normal):
        return self - normal * (2 * self.dot(normal))


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.normalized()

    def at(self, t):
        return self.origin + self.direction * t


class Sphere:
    def __init__(self, centre, radius, colour, shine):
        self.centre, self.radius, self.colour, self.shine = centre, radius, colour, shine

    def intersect(self, ray):
        oc = ray.origin - self.centre
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > 1e-6:
            return t
        t = -b + root
        return t if t > 1e-6 else None

    def normal_at(self, p):
        return (p - self.centre).normalized()


class Plane:
    def __init__(self, point, normal, colour, shine):
        self.point, self.normal, self.colour, self.shine = point, normal.normalized(), colour, shine

    def intersect(self, ray):
        denom = ray.direction.dot(self.normal)
        if abs(denom) < 1e-9:
            return None
        t = (self.point - ray.origin).dot(self.normal) / denom
        return t if t > 1e-6 else None

    def normal_at(self, p):
        return self.normal


class Scene:
    def __init__(self):
        self.objects = [
            Sphere(Vector(0.0, 1.0, 5.0), 1.0, Vector(0.9, 0.2, 0.2), 0.3),
            Sphere(Vector(-2.0, 0.7, 6.0), 0.7, Vector(0.2, 0.9, 0.2), 0.5),
            Sphere(Vector(1.8, 0.5, 4.0), 0.5, Vector(0.2, 0.3, 0.9), 0.1),
            Plane(Vector(0.0, 0.0, 0.0), Vector(0.0, 1.0, 0.0), Vector(0.8, 0.8, 0.7), 0.2),
        ]
        self.lights = [(Vector(-5.0, 6.0, 0.0), 0.8), (Vector(4.0, 3.0, 1.0), 0.5)]

    def nearest(self, ray):
        best, best_t = None, math.inf
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < best_t:
                best, best_t = obj, t
        return best, best_t

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return Vector(0.1, 0.1, 0.15)
        p = ray.at(t)
        n = obj.normal_at(p)
        light = 0.1
        for position, strength in self.lights:
            to_light = position - p
            distance = to_light.length()
            shadow, st = self.nearest(Ray(p, to_light))
            if shadow is not None and st < distance:
                continue
            light += strength * max(0.0, n.dot(to_light.normalized()))
        colour = obj.colour * light
        if depth > 0 and obj.shine > 0:
            reflected = self.trace(Ray(p, ray.direction.reflect(n)), depth - 1)
            colour = colour * (1 - obj.shine) + reflected * obj.shine
        return colour


def run(n):
    scene = Scene()
    eye = Vector(0.0, 1.5, -1.0)
    total = 0
    weighted = 0
    for row in range(n):
        for col in range(n):
            target = Vector((col - n / 2) / n * 2, 1.5 - (row - n / 2) / n * 2, 2.0)
            c = scene.trace(Ray(eye, target - eye), 1)
            rgb = [min(255, int(v * 255)) for v in (c.x, c.y, c.z)]
            total += sum(rgb)
            weighted = (weighted * 31 + rgb[0] + 7 * rgb[1] + 13 * rgb[2]) % 1_000_000_007
    return f"{total},{weighted}"


if __name__ == "__main__":
    main(run, 140)
