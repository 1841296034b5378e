def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def hanoi(n, src, dst, tmp, moves):
    if n == 0:
        return moves
    hanoi(n - 1, src, tmp, dst, moves)
    moves.append((src, dst))
    hanoi(n - 1, tmp, dst, src, moves)
    return moves
def permutations(items):
    if len(items) <= 1:
        return [items]
    out = []
    for i in range(len(items)):
        for p in permutations(items[:i] + items[i + 1:]):
            out.append([items[i]] + p)
    return out
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print([fib(i) for i in range(15)], len(hanoi(10, "A", "C", "B", [])), hanoi(2, "A", "C", "B", []))
print(permutations([1, 2, 3]), ackermann(2, 3))
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
print(gcd(1071, 462), gcd(2 ** 100, 6 ** 50))
