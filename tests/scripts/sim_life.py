def step(live, width, height):
    counts = {}
    for (x, y) in live:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    p = ((x + dx) % width, (y + dy) % height)
                    counts[p] = counts.get(p, 0) + 1
    return {p for p, c in counts.items() if c == 3 or (c == 2 and p in live)}
def show(live, width, height):
    for y in range(height):
        print("".join("#" if (x, y) in live else "." for x in range(width)))
glider = {(1, 0), (2, 1), (0, 2), (1, 2), (2, 2)}
live = set(glider)
for gen in range(4):
    print("gen", gen, len(live))
    show(live, 8, 6)
    live = step(live, 8, 6)
blinker = {(1, 0), (1, 1), (1, 2)}
print(sorted(step(blinker, 5, 5)), step(step(blinker, 5, 5), 5, 5) == blinker)
