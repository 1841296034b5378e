# Python 2 print/exec statements: "Missing parentheses" only when the rest
# parses as an expression (CPython 3.11's invalid_legacy_expression);
# otherwise "invalid syntax" where that expression starts.
for src in ['print {1:(foo.)}', 'if 1: print {1:(foo.)}', 'if 1:\n    print {1:(foo.)}', 'exec {1:(foo.)}', 'print "hi"', 'f(print {1:(x.)})', 'print x y']:
    try:
        compile(src + '\n', 's', 'exec')
    except SyntaxError as e:
        print(repr(src), e.msg, e.lineno, e.offset)
