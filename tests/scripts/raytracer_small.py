import math
class Vec:
    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z
    def __add__(self, o): return Vec(self.x + o.x, self.y + o.y, self.z + o.z)
    def __sub__(self, o): return Vec(self.x - o.x, self.y - o.y, self.z - o.z)
    def __mul__(self, k): return Vec(self.x * k, self.y * k, self.z * k)
    def dot(self, o): return self.x * o.x + self.y * o.y + self.z * o.z
    def norm(self):
        l = math.sqrt(self.dot(self))
        return Vec(self.x / l, self.y / l, self.z / l)
class Sphere:
    def __init__(self, center, radius, shade):
        self.center, self.radius, self.shade = center, radius, shade
    def hit(self, origin, direction):
        oc = origin - self.center
        b = oc.dot(direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        t = -b - math.sqrt(disc)
        return t if t > 1e-6 else None
scene = [Sphere(Vec(0, 0, 5), 1.5, 1.0), Sphere(Vec(2, 1, 7), 1.0, 0.6), Sphere(Vec(0, -101, 5), 100, 0.3)]
light = Vec(-1, 2, -1).norm()
ramp = " .,:;ox%#@"
rows = []
for j in range(14):
    line = ""
    for i in range(36):
        d = Vec((i - 18) / 18, (7 - j) / 14, 1).norm()
        best, target = None, None
        for s in scene:
            t = s.hit(Vec(0, 0, 0), d)
            if t is not None and (best is None or t < best):
                best, target = t, s
        if target is None:
            line += " "
            continue
        p = d * best
        n = (p - target.center).norm()
        brightness = max(0.0, n.dot(light)) * target.shade
        line += ramp[min(int(brightness * (len(ramp) - 1) + 0.5), len(ramp) - 1)]
    rows.append(line)
print("\n".join(rows))
print(sum(r.count("@") for r in rows), sum(len(r.strip()) for r in rows))
