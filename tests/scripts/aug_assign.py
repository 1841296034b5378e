x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 3; x %= 7; x <<= 4; x >>= 1; x |= 1; x &= 0xff; x ^= 0xf
print(x)
s = "ab"; s += "cd"; s *= 2
print(s)
lst = [1]; alias = lst; lst += [2]; lst *= 2
print(lst, alias is lst)
t = (1,); t2 = t; t += (2,)
print(t, t2)
d = {"k": 1}; d["k"] += 10; d["new"] = d.get("new", 0) + 1
print(d)
m = [[0, 0], [0, 0]]
m[1][0] += 5
print(m)
f = 1.5; f /= 2; f -= 0.25
print(f)
