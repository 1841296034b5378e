import math
class Body:
    def __init__(self, x, y, vx, vy, m):
        self.x, self.y, self.vx, self.vy, self.m = x, y, vx, vy, m
def energy(bodies):
    e = 0.0
    for i, a in enumerate(bodies):
        e += 0.5 * a.m * (a.vx ** 2 + a.vy ** 2)
        for b in bodies[i + 1:]:
            e -= a.m * b.m / math.hypot(a.x - b.x, a.y - b.y)
    return e
def advance(bodies, dt):
    for i, a in enumerate(bodies):
        for b in bodies[i + 1:]:
            dx, dy = a.x - b.x, a.y - b.y
            d2 = dx * dx + dy * dy
            mag = dt / (d2 * math.sqrt(d2))
            a.vx -= dx * b.m * mag
            a.vy -= dy * b.m * mag
            b.vx += dx * a.m * mag
            b.vy += dy * a.m * mag
    for body in bodies:
        body.x += dt * body.vx
        body.y += dt * body.vy
bodies = [Body(0, 0, 0, 0, 10), Body(1, 0, 0, 3, 0.1), Body(-2, 0, 0, -2.2, 0.2), Body(0, 3, 1.8, 0, 0.05)]
e0 = energy(bodies)
for step in range(2000):
    advance(bodies, 0.001)
e1 = energy(bodies)
print(f"{e0:.9f} {e1:.9f} {abs(e1 - e0) / abs(e0) < 1e-3}")
print([f"{b.x:.6f},{b.y:.6f}" for b in bodies])
