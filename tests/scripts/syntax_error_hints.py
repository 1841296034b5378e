# CPython 3.11's specific SyntaxError messages for common slips, through
# compile(): a mistaken '=' where '==' or ':=' was meant, a missing comma
# between two expressions in brackets, Python 2's print, "expected ':'" only
# at the end of a line, unpacking in comprehensions and after **, a bare *
# before **kwargs, True/None as keyword arguments. Each case prints the
# message and line, or that it compiled.
CASES = [
    # A mistaken '=' (invalid_named_expression, invalid_assignment).
    "1 = x", "f() = 1", "x + 1 = 2", "'s' = 1", "-x = 1", "x = 1 = y", "(1, 2) = x",
    "[a, 1] = x", "None = 1", "x = yield = 1", "a + b = c d",
    "if x = 1: pass", "while x = 1: pass", "if a.b = 1: pass", "if f() = 1: pass",
    "while a[0] = 1: pass", "if (a, b) = 1: pass", "if True = 1: pass", "if x == 1 = 2: pass",
    "if x = 1 = 2: pass", "if not x = 1: pass", "y = [x = 1]", "[x = 1 = 2]", "x[a=1]", "{a = 1}",
    "(a = 1)", "(a, b = 1)", "@x = 1\ndef f(): pass", "if x.y = 1 2: pass",
    # Keyword arguments (invalid_kwarg).
    "f(a.b=1)", "f(1=2)", "f(a+b=2)", "f(x if y else z = 1)", "f(True=1)", "f(None=1)",
    "f([x = 1])", "f(a=1, a=2)", "f(a=1 for a in b)",
    # A missing comma (invalid_expression).
    "f(1 2)", "f(a b)", "f(a, b c)", "f(x, y=1 z)", "[1 2]", "(1 2)", "x[1 2]", "x[1, 2 3]",
    "{1 2}", "{1: 2 3: 4}", "x = {1: 2, 3 4}", "x = {1: 2, 3}", "f(a 'x')", "[a if b else c d]",
    "x = 1 2 3", "[print 1]",
    # Python 2.
    "print 'x'", "print x", "exec 'code'", "print (x) y", "f(print 'x')",
    # "expected ':'" only where the line ends.
    "if x y", "if x", "while x y", "while x", "for x in y z", "for x in y", "class A(B) x",
    "class A(B)", "with a x", "with a", "lambda x 1", "try:\n  pass\nexcept E x", "try:\n  pass\nexcept E",
    "if x:\n  pass\nelif y z", "if x:\n  pass\nelse x", "if x:\n  pass\nelse",
    # Unpacking.
    "[*x for x in y]", "{*x for x in y}", "(*x for x in y)", "f(*x for x in y)",
    "{**x for x in y}", "{1: 2, **a for a in b}", "f(**x, *y)", "f(**x, y)", "f(*x, **y, *z)",
    "f(*a, b=1, *c)", "f(x for x in y, 1)",
    # Parameters.
    "def f(*, **k): pass", "lambda *, **k: 1", "def f(*): pass", "def f(*,): pass",
    "lambda *: 1", "def f(a=1, b): pass", "def f(**a, b): pass", "def f(*a, *b): pass",
    # Valid code that looks close to the above compiles.
    "f(a=1, b=2)", "x = y = 1", "if (x := 1): pass", "[x == 1]", "f(*a, *b, c=1, **d)",
    "print(x)", "match = 1\nmatch x:\n  case 1: pass", "a[1:2, ::3]",
]

for src in CASES:
    try:
        compile(src, "<case>", "exec")
    except SyntaxError as e:
        print(repr(src), "->", type(e).__name__, e.msg, e.lineno)
    else:
        print(repr(src), "-> compiles")
