print("{} {}".format("a", "b"), "{1} {0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"), "{:*^9}".format("mid"), "{:08.3f}".format(3.14159))
print("{:,}".format(1234567), "{:_}".format(1234567), "{:b} {:o} {:x} {:X} {:#x}".format(10, 10, 255, 255, 255))
print("{0[1]} {1[k]}".format([1, 2], {"k": "v"}), "{:+d} {: d}".format(5, 5), "{{literal}}".format())
print("{!r} {!s}".format("x", "y"), "{:10}|{:<10}|".format(42, 42), "{:.2%}".format(0.1234))
print(format(42, "d"), format(42, "08b"), format("text", ">10"), format(3, "c") == "\x03", format(True, "d"))
width = 6
print("{:>{w}}|".format("ab", w=width), "{:{}}".format("x", 4) + "|")
