people = [("alice", 30, 5.5), ("bob", 25, 6.1), ("carol", 35, 5.2), ("dave", 25, 5.9)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (p[1], -p[2])))
print(max(people, key=lambda p: p[2])[0], min(people, key=lambda p: p[0])[0])
by_age = {}
for name, age, _ in people:
    by_age.setdefault(age, []).append(name)
print(by_age)
print(list(map(lambda p: p[0].title(), people)), list(filter(lambda p: p[1] < 30, people)))
print((lambda x, y=10, *rest, **kw: (x, y, rest, kw))(1, 2, 3, z=4))
