# compile(..., 'single'): one interactive statement; expression statements at
# its top level are shown through sys.displayhook (repr to sys.stdout, and
# builtins._), as the interactive interpreter and doctest rely on.
import builtins
import sys

ns = {}
exec(compile("1 + 2", "<stdin>", "single"), ns)
print("_ is", builtins._)
exec(compile("x = 5", "<stdin>", "single"), ns)
exec(compile("x * 2", "<stdin>", "single"), ns)
exec(compile("None", "<stdin>", "single"), ns)
print("_ after None is still", builtins._)
exec(compile("'text'", "<stdin>", "single"), ns)
exec(compile("for i in range(2):\n    i * 10\n", "<stdin>", "single"), ns)
exec(compile("if x:\n    [x, x]\n", "<stdin>", "single"), ns)


# Only the top level displays: expressions inside functions do not.
exec(compile("def f():\n    42\n    return 7\n", "<stdin>", "single"), ns)
exec(compile("f()", "<stdin>", "single"), ns)

# A replaced displayhook sees every value.
seen = []
sys.displayhook = seen.append
exec(compile("[1, 2]", "<stdin>", "single"), ns)
exec(compile("None", "<stdin>", "single"), ns)
sys.displayhook = sys.__displayhook__
print(seen)
exec(compile("1; 2", "<stdin>", "single"), ns)

# Errors.
for src in ("x = 1\ny = 2", "1; 2"):
    try:
        compile(src, "<stdin>", "single")
    except SyntaxError as e:
        print("SyntaxError", e.msg)
del sys.displayhook
try:
    exec(compile("3", "<stdin>", "single"), ns)
except RuntimeError as e:
    print("RuntimeError", e)
sys.displayhook = sys.__displayhook__
sys.displayhook(99)
print(sys.displayhook(None), builtins._)
