def mandel(cx, cy, max_iter=30):
    x = y = 0.0
    for i in range(max_iter):
        x, y = x * x - y * y + cx, 2 * x * y + cy
        if x * x + y * y > 4:
            return i
    return max_iter
chars = " .:-=+*#%@"
for row in range(12):
    cy = -1.2 + row * 0.2
    line = ""
    for col in range(40):
        cx = -2.1 + col * 0.07
        n = mandel(cx, cy)
        line += chars[min(n * len(chars) // 31, len(chars) - 1)]
    print(line)
print(sum(mandel(-0.5 + i * 0.01, 0.0) for i in range(50)))
