# Fannkuch-redux: for every permutation of 1..N, count the prefix reversals
# ("pancake flips") until 1 comes first; report the maximum and a signed
# checksum (the Benchmarks Game's definition). List slicing and reversal,
# small-int arithmetic, tight while loops.
from harness import main


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        if perm1[0] != 0:
            perm = perm1[:]
            flips = 0
            k = perm[0]
            while k:
                perm[:k + 1] = perm[k::-1]
                flips += 1
                k = perm[0]
            if flips > max_flips:
                max_flips = flips
            checksum += sign * flips
        else:
            checksum += 0
        sign = -sign
        # next permutation in the counting order
        while True:
            if r == n:
                return checksum, max_flips
            first = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def run(n):
    checksum, flips = fannkuch(n)
    return f"{checksum},{flips}"


if __name__ == "__main__":
    main(run, 9)
