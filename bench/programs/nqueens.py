# N-queens: count every placement of N non-attacking queens, by a recursive
# search over sets of attacked columns and diagonals, and list the first
# solutions through a generator. Recursion, set operations, generators.
from harness import main


def count(n, row=0, cols=frozenset(), diag1=frozenset(), diag2=frozenset()):
    if row == n:
        return 1
    total = 0
    for c in range(n):
        if c in cols or row + c in diag1 or row - c in diag2:
            continue
        total += count(n, row + 1, cols | {c}, diag1 | {row + c}, diag2 | {row - c})
    return total


def solutions(n, placed=()):
    row = len(placed)
    if row == n:
        yield placed
        return
    for c in range(n):
        if all(c != pc and abs(c - pc) != row - pr for pr, pc in enumerate(placed)):
            yield from solutions(n, placed + (c,))


def run(n):
    total = count(n)
    first = []
    for s in solutions(n):
        first.append(s)
        if len(first) == 10:
            break
    signature = sum(i * c for s in first for i, c in enumerate(s))
    return f"{total},{signature}"


if __name__ == "__main__":
    main(run, 11)
