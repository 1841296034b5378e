items = [("apple", 1.5, 3), ("banana", 0.25, 12), ("cherry", 10, 1)]
print(f"{'name':<10}|{'price':>8}|{'qty':^5}|")
for name, price, qty in items:
    print(f"{name:<10}|{price:>8.2f}|{qty:^5}|")
total = sum(p * q for _, p, q in items)
print(f"{'total':<10}|{total:>8.2f}|")
width, prec = 12, 3
value = 3.14159265
print(f"[{value:{width}.{prec}f}]", f"[{value:<{width}}]", f"[{'x':*^{width}}]")
n = 255
print(f"{n:b} {n:o} {n:x} {n:X} {n:#b} {n:#o} {n:#x} {n:08b} {n:,} {1234567.891:,.2f}")
d = {"key": "value", "num": 42}
print(f"{d['key']} {d['num'] * 2} {len(d)} {list(d)[0]!r} {d!r}")
print(f"{'nested {braces}'} {{literal}} {'{'}{'}'}")
print(f"{3 if n > 100 else 4} {[i ** 2 for i in range(4)]} {(lambda q: q + 1)(1)}")
print(f"{-42:+} {42:+} {42: } {-0.5:.0%} {0.125:.1%} {1e-7:.2e} {123456789:.3g}")
name = "Ada"
print(f"{name=} {n=:#x} {value=:.2f}")
