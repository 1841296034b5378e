t = (1, 2, 3)
print(t, len(t), t[0], t[-1], t[1:], t[::-1], (1,), (), tuple([1, 2]), tuple("ab"))
print(t + (4, 5), t * 2, 2 in t, 5 in t, t.index(2), t.count(1), (1, 2) < (1, 3), (1, 2) == (1, 2))
a, b, c = t
print(a, b, c)
x, y = y, x = 1, 2
print(x, y)
print(hash((1, 2)) == hash((1, 2)), (1, (2, 3)), min((3, 1, 2)), sorted((3, 1, 2)))
nested = ((1, 2), (3, 4))
for p, q in nested:
    print(p + q)
print(tuple(range(3)), (1, 2) + (), (0,) * 3)

# An empty tuple in parentheses of its own (the fuzzer found the parser
# reading past it), and as the last item of an outer tuple.
print((()), ((())), ((),), ((), ()), [()], {(): ()})
print(len((())), type((())).__name__)
