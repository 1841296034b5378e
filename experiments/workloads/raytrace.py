# A small ray tracer: spheres with diffuse shading, shadows and one reflection,
# rendered into an integer checksum per row. Rows are dealt round-robin to the
# threads; instances, method calls and float arithmetic dominate. The main
# thread re-renders a sample of rows to check the threads' answers.
from math import sqrt

from common import parse_args, report, run_parts


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def sub(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def norm(self):
        return self.scale(1.0 / sqrt(self.dot(self)))


class Sphere:
    def __init__(self, center, radius, color, reflect):
        self.center = center
        self.radius = radius
        self.color = color
        self.reflect = reflect

    def hit(self, origin, direction):
        oc = origin.sub(self.center)
        b = oc.dot(direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        t = -b - sqrt(disc)
        return t if t > 1e-4 else -1.0


SCENE = [
    Sphere(Vec(0.0, -1000.0, 0.0), 999.0, Vec(0.8, 0.8, 0.8), 0.0),
    Sphere(Vec(-1.2, 0.0, 4.0), 1.0, Vec(0.9, 0.2, 0.2), 0.3),
    Sphere(Vec(1.2, 0.0, 4.5), 1.0, Vec(0.2, 0.9, 0.2), 0.5),
    Sphere(Vec(0.0, 1.5, 6.0), 1.0, Vec(0.2, 0.2, 0.9), 0.0),
]
LIGHT = Vec(-5.0, 8.0, -3.0)
WIDTH = 64


def closest(origin, direction):
    best_t = -1.0
    best = None
    for s in SCENE:
        t = s.hit(origin, direction)
        if t > 0.0 and (best is None or t < best_t):
            best_t = t
            best = s
    return best, best_t


def trace(origin, direction, depth):
    s, t = closest(origin, direction)
    if s is None:
        return Vec(0.1, 0.1, 0.2)
    point = origin.add(direction.scale(t))
    normal = point.sub(s.center).norm()
    to_light = LIGHT.sub(point).norm()
    shade = 0.1
    if closest(point, to_light)[0] is None:
        shade += max(0.0, normal.dot(to_light))
    color = s.color.scale(shade)
    if s.reflect > 0.0 and depth < 2:
        r = direction.sub(normal.scale(2.0 * direction.dot(normal)))
        color = color.scale(1.0 - s.reflect).add(trace(point, r, depth + 1).scale(s.reflect))
    return color


def render_row(y, height):
    eye = Vec(0.0, 0.0, -1.0)
    checksum = 0
    for x in range(WIDTH):
        d = Vec((x - WIDTH / 2) / WIDTH, (height / 2 - y) / height, 1.0).norm()
        c = trace(eye, d, 0)
        checksum += int(min(c.x, 1.0) * 255) + 3 * int(min(c.y, 1.0) * 255) + 7 * int(min(c.z, 1.0) * 255)
    return checksum


threads, height = parse_args(192)


def work(k):
    return {y: render_row(y, height) for y in range(k, height, threads)}


seconds, results = run_parts(work, threads)
rows = {}
for part in results:
    for y, checksum in part.items():
        assert y not in rows
        rows[y] = checksum
assert sorted(rows) == list(range(height))
for y in range(0, height, max(1, height // 6)):
    assert rows[y] == render_row(y, height), y
assert len(set(rows.values())) > height // 4  # the image is not flat
report("raytrace", threads, seconds)
