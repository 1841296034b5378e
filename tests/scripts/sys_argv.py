import sys
print(len(sys.argv), sys.argv[0].endswith("sys_argv.py"))
sys.stdout.write("written directly\n")
print("to stderr", file=sys.stderr)
print("a", "b", sep="-", end="!\n")
print("no newline", end="")
print()
print(*[1, 2, 3], sep=", ")
print()
