x = 3.14159265
print(format(x, ".2f"), format(x, "10.3f"), format(x, "<10.1f") + "|", format(x, "e"), format(x, ".3E"))
print(format(1234567.891, ","), format(1234567.891, ",.2f"), format(0.25, "%"), format(0.256, ".1%"))
print(format(1e20, "g"), format(1e-5, "g"), format(123.456, "g"), format(100.0, ".3"), format(1.0, ".3"))
print(format(-2.5, "+.1f"), format(2.5, "+.1f"), format(2.5, " .1f"), format(2.5, "08.2f"), format(-2.5, "08.2f"))
print("%f %e %g %.1f %10.4f|%-10.2f|" % (1.5, 12345.678, 0.0001, 2.25, 3.14159, 2.5))
print(f"{x:.4}", f"{x:^12.3f}|", f"{2.0:g}", f"{1e100:.3g}", f"{float('inf'):f}", f"{float('nan'):F}")
