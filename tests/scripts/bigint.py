def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r
print(fact(30))
print(fact(50) // fact(48))
print(len(str(fact(200))))
a = 2 ** 200
b = 3 ** 120
print(a + b, a - b, a * b % 1000000007)
print(a // b, a % b, -a // b, -a % b)
print(a > b, a < b, a == 2 ** 200, a != b)
print(hex(a), bin(b)[:20], oct(-a)[:10])
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)), hash(10 ** 30))
print(float(2 ** 80), int(1e20), a.bit_length())
print(sum(range(10 ** 6)), 10 ** 18 + 10 ** 18)
