print("{} + {} = {}".format(1, 2, 3), "{0}{1}{0}".format("ab", "cd"), "{name} is {age}".format(name="X", age=7))
row = "{:<8}|{:>6}|{:^7}|"
print(row.format("left", "right", "mid"), row.format(1, 2.5, True))
print("{:.3f} {:.0f} {:e} {:g} {:%}".format(3.14159, 2.5, 12345.6789, 0.00001, 0.25))
print("{:+d} {:05d} {:x} {:X} {:#o} {:,} {:_}".format(7, 42, 255, 255, 8, 10 ** 6, 10 ** 6))
point = {"x": 1, "y": 2}
print("({x}, {y})".format(**point), "{0[x]}-{0[y]}".format(point), "{p[0]}{p[1]}".format(p="hi"))
class P:
    def __init__(self):
        self.a = 5
print("{0.a} {obj.a}".format(P(), obj=P()), "{!r:>10}".format("q"), "{:>{}}".format("w", 5))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
print(format(0.5, ".1%"), format("abc", "^9"), format(12, "<4") + "|", format(-3.5, "=+8.2f"))
