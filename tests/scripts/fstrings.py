name = "World"
n = 42
pi = 3.14159
print(f"Hello, {name}!", f"{n}", f"{n:5d}|", f"{n:<5}|", f"{pi:.2f}", f"{n * 2 + 1}")
print(f"{name!r}", f"{name!s}", f"{[1, 2][0]}", f"{'nested'}", f"{{braces}}", f"{n=}", f"{pi=:.1f}")
items = {"a": 1}
print(f"{items['a']}", f"{len(name)}", f"{name.upper()}", f"{n:#x}", f"{n:,}", f"{1000000:_}")
w = 8
print(f"{name:>{w}}|", f"{pi:{w}.{2}f}|", f"{'x' if n > 0 else 'y'}", f"a{n}b{n}c")
print(f"""multi
{name}""", rf"raw\n{n}")
