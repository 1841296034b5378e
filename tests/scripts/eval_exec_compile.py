# eval(), exec() and compile(): argument checks with CPython's messages, the
# caller's namespaces by default, separate globals and locals, code objects,
# and errors raised inside the executed code.
tests = [
 "eval(5)", "exec(5)", "eval('x', 5)", "eval('x', {}, 5)", "exec('x', 5)", "exec('x', {}, 5)", "eval('x', [])",
 "compile('x', 'f', 'bad')", "compile(5, 'f', 'exec')", "eval('\\0')", "exec('a\\0')", "eval('1 +')", "exec('return 1')",
 "eval('x = 1')", "compile('x', 5, 'exec')", "eval(compile('y=1','f','exec'))", "eval('x', globals=None)",
 "eval()", "exec('1', {}, {}, 1)", "compile('x')", "eval('  1 + 2')", "eval('1, 2')", "eval('\\n[i*i for i in range(4)]\\n')",
 "eval('a + b', {'a': 1}, {'b': 2})", "eval(b'3*3')",
]
for t in tests:
    try:
        r = eval(t)
        print(t, "->", repr(r))
    except BaseException as e:
        print(t, "->", type(e).__name__, e)
g = {}
exec("x = 1\ndef f(): return x + 1\ny = f()", g)
print(sorted(k for k in g if k != "__builtins__"), g["y"], "__builtins__" in g)
g2, l2 = {"x": 10}, {}
exec("z = x * 2\nx = 3", g2, l2)
print(g2["x"], l2)
def func():
    a = 5
    print(eval("a + 1"))
    exec("a = 99")
    print(a)
func()
c = compile("q * 2", "<calc>", "eval")
print(type(c).__name__, eval(c, {"q": 21}))
c2 = compile("for i in range(3): acc.append(i)", "<loop>", "exec")
acc = []
exec(c2)
print(acc)
ns = {}
exec("class K:\n    v = [j for j in range(3)]\n    w = v[-1]\n", ns)
print(ns["K"].v, ns["K"].w)
try:
    exec("1/0", {})
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    compile("x = = 1", "/some/dir/bad.py", "exec")
except SyntaxError as e:
    print("SyntaxError", e.msg, e.filename, e.lineno)
print(eval("lambda n: n * k", {"k": 3})(4))
