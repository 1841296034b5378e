# Pi digits: the first N decimal digits of pi by Gibbons' unbounded spigot
# (the Benchmarks Game's pidigits), all in arbitrary-precision integers:
# multiplication, floor division and comparison of numbers with thousands
# of digits. Checksum: the last 20 digits and the digit sum.
from harness import main


def digits(n):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < n:
        if 4 * q + r - t < m * t:
            out.append(m)
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return out


def run(n):
    d = digits(n)
    return f"{''.join(map(str, d[-20:]))},{sum(d)}"


if __name__ == "__main__":
    main(run, 3000)
