# Float formatting at large precisions gives every digit (a fixed buffer
# once cut them at 511 characters), and precisions past C's int range are
# CPython's ValueError.
for spec in ("{:.600f}", "{:.600e}", "{:.600%}", "{:.600g}", "{:.400}"):
    text = spec.format(1 / 3)
    print(spec, len(text), text[:12], text[-8:])
print(len("%.700f" % 2.5), ("%.700f" % 2.5)[-3:])
print("{:.2147483647}".format(1.5))
for spec in ("{:.3000000000f}", "{:.99999999999e}", "{:.10000000000%}", "{:.2147483648g}"):
    try:
        spec.format(1.5)
    except ValueError as e:
        print(spec, "ValueError:", e)
