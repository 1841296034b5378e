# Spectral norm: the largest singular value of the infinite matrix
# A[i][j] = 1/((i+j)(i+j+1)/2+i+1), by the power method on A'A (the
# Benchmarks Game's problem). Function calls in generator expressions,
# float division, zip and sum. Checksum: the norm to 9 decimals.
from harness import main


def a(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def times(v):
    n = len(v)
    return [sum(a(i, j) * v[j] for j in range(n)) for i in range(n)]


def times_transposed(v):
    n = len(v)
    return [sum(a(j, i) * v[j] for j in range(n)) for i in range(n)]


def at_a_times(v):
    return times_transposed(times(v))


def run(n):
    u = [1.0] * n
    for _ in range(10):
        v = at_a_times(u)
        u = at_a_times(v)
    vbv = sum(x * y for x, y in zip(u, v))
    vv = sum(x * x for x in v)
    return f"{(vbv / vv) ** 0.5:.9f}"


if __name__ == "__main__":
    main(run, 250)
