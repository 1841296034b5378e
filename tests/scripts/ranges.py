print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)), list(range(5, 1)))
r = range(0, 20, 3)
print(r, len(r), r[2], r[-1], r[1:4], 9 in r, 10 in r, r.index(9), r.count(3))
print(range(3) == range(0, 3), sum(range(101)), list(reversed(range(4))), range(1, 10, 2)[::-1])
total = 0
for i in range(1, 1000):
    if i % 3 == 0 or i % 5 == 0:
        total += i
print(total)
