# The node classes of `ast` (ftpy's native _ast, CPython's ast.py on top):
# fields, attributes, optional-field defaults, constructors and their
# errors, __reduce__, pattern matching on nodes, and ast.dump/NodeVisitor
# over trees built by hand. (ast.parse needs compile()'s PyCF_ONLY_AST,
# not there yet: design/ast.md.)
import ast
import _ast

print(_ast.AST.__module__, _ast.Name.__module__, ast.Name is _ast.Name)
print(ast.AST._fields, ast.AST._attributes)
for name in ["Module", "FunctionDef", "Name", "arguments", "arg", "keyword", "ExceptHandler", "MatchAs",
             "comprehension", "withitem", "alias", "Load", "Add", "TypeIgnore", "TryStar", "Constant"]:
    cls = getattr(ast, name)
    print(name, cls.__bases__[0].__name__, cls._fields, cls._attributes, cls.__match_args__)
print(ast.FunctionDef.__doc__)
print(ast.expr_context.__doc__)
print(ast.stmt.__doc__.splitlines()[:3])
print(ast.Return.value, ast.arg.annotation, ast.keyword.arg, ast.expr.end_lineno, ast.stmt.end_col_offset)
print(len([n for n in dir(_ast) if isinstance(getattr(_ast, n), type) and issubclass(getattr(_ast, n), _ast.AST)]))
print(_ast.PyCF_ONLY_AST, _ast.PyCF_TYPE_COMMENTS, _ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(issubclass(ast.Name, ast.expr), issubclass(ast.Add, ast.operator), isinstance(ast.Load(), ast.AST))

n = ast.Name("x", ast.Load(), lineno=3, col_offset=4)
print(n.id, type(n.ctx).__name__, n.lineno, n.col_offset, n.end_lineno)
r = n.__reduce__()
print(r[0] is ast.Name, r[1], sorted(r[2]))
print(ast.Load().__reduce__()[1:], type(ast.Load().__reduce__()[2]))
empty = ast.Name()
try:
    empty.id
except AttributeError as e:
    print("AttributeError", e)
for bad in [lambda: ast.Name(1, 2, 3), lambda: ast.Add(1), lambda: ast.AST(1),
            lambda: ast.Name("a", id="b"), lambda: ast.BinOp(1, 2, 3, 4)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
print(ast.AST(anything=5).anything)


class MyNode(ast.AST):
    _fields = ("left", "right")


m = MyNode(1, right=2)
print(m.left, m.right, MyNode.__reduce__(m)[2])


class NoFields(ast.AST):
    pass


try:
    NoFields(1)
except TypeError as e:
    print("TypeError", e)

tree = ast.Module(
    body=[ast.Assign(targets=[ast.Name("x", ast.Store())],
                     value=ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2)), lineno=1, col_offset=0),
          ast.Expr(ast.Call(ast.Name("print", ast.Load()), [ast.Name("x", ast.Load())], []))],
    type_ignores=[])
print(ast.dump(tree))
print(ast.dump(tree.body[0], include_attributes=True))


class Counter(ast.NodeVisitor):
    def __init__(self):
        self.names = []

    def visit_Name(self, node):
        self.names.append((node.id, type(node.ctx).__name__))


c = Counter()
c.visit(tree)
print(c.names)
print([type(x).__name__ for x in ast.walk(tree)])


class Doubler(ast.NodeTransformer):
    def visit_Constant(self, node):
        return ast.Constant(node.value * 2)


print(ast.dump(Doubler().visit(tree.body[0].value)))

match tree.body[0]:
    case ast.Assign(targets=[ast.Name(id=target)], value=ast.BinOp(left=ast.Constant(value=a), op=ast.Add())):
        print("matched", target, a)
match ast.Name("y", ast.Load()):
    case ast.Name(name, ctx):
        print("positional", name, type(ctx).__name__)
