# Mandelbrot: escape times over an N x N grid of the complex plane, with
# Python's complex numbers (multiplication, addition, abs). Checksum: the
# total iteration count and a weighted sum of the escape times.
from harness import main

LIMIT = 50


def escape_time(c):
    z = 0j
    for i in range(LIMIT):
        z = z * z + c
        if abs(z) > 2.0:
            return i
    return LIMIT


def run(n):
    total = 0
    weighted = 0
    for row in range(n):
        im = -1.5 + 3.0 * row / n
        for col in range(n):
            t = escape_time(complex(-2.0 + 3.0 * col / n, im))
            total += t
            weighted += t * (row + col) % 1009
    return f"{total},{weighted}"


if __name__ == "__main__":
    main(run, 500)
