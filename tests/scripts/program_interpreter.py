# A small expression language: tokenizer, recursive-descent parser to an AST
# of classes, an evaluator with environments and closures, and a pretty
# printer. Class-heavy on purpose (inheritance, dunders, visitors, errors).


class LangError(Exception):
    def __init__(self, message, pos=None):
        super().__init__(message if pos is None else f"{message} at {pos}")
        self.pos = pos


class Token:
    def __init__(self, kind, value, pos):
        self.kind, self.value, self.pos = kind, value, pos

    def __repr__(self):
        return f"Token({self.kind}, {self.value!r})"


class Lexer:
    KEYWORDS = {"let", "in", "fn", "if", "then", "else"}
    OPERATORS = ["==", "<=", ">=", "!=", "->", "+", "-", "*", "/", "%", "<", ">", "(", ")", "=", ","]

    def __init__(self, text):
        self.text = text
        self.pos = 0

    def tokens(self):
        out = []
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch.isspace():
                self.pos += 1
            elif ch.isdigit():
                start = self.pos
                while self.pos < len(self.text) and self.text[self.pos].isdigit():
                    self.pos += 1
                out.append(Token("num", int(self.text[start:self.pos]), start))
            elif ch.isalpha() or ch == "_":
                start = self.pos
                while self.pos < len(self.text) and (self.text[self.pos].isalnum() or self.text[self.pos] == "_"):
                    self.pos += 1
                word = self.text[start:self.pos]
                out.append(Token("kw" if word in self.KEYWORDS else "name", word, start))
            else:
                for op in self.OPERATORS:
                    if self.text.startswith(op, self.pos):
                        out.append(Token("op", op, self.pos))
                        self.pos += len(op)
                        break
                else:
                    raise LangError(f"unexpected character {ch!r}", self.pos)
        out.append(Token("eof", None, self.pos))
        return out


class Node:
    def accept(self, visitor, *args):
        return getattr(visitor, "visit_" + type(self).__name__)(self, *args)


class Num(Node):
    def __init__(self, value):
        self.value = value


class Var(Node):
    def __init__(self, name):
        self.name = name


class BinOp(Node):
    def __init__(self, op, left, right):
        self.op, self.left, self.right = op, left, right


class Let(Node):
    def __init__(self, name, value, body):
        self.name, self.value, self.body = name, value, body


class Fn(Node):
    def __init__(self, params, body):
        self.params, self.body = params, body


class Call(Node):
    def __init__(self, fn, args):
        self.fn, self.args = fn, args


class If(Node):
    def __init__(self, cond, then, other):
        self.cond, self.then, self.other = cond, then, other


class Parser:
    PRECEDENCE = {"==": 1, "!=": 1, "<": 2, ">": 2, "<=": 2, ">=": 2, "+": 3, "-": 3, "*": 4, "/": 4, "%": 4}

    def __init__(self, tokens):
        self.toks, self.i = tokens, 0

    def peek(self):
        return self.toks[self.i]

    def take(self, kind=None, value=None):
        tok = self.peek()
        if (kind and tok.kind != kind) or (value and tok.value != value):
            raise LangError(f"expected {value or kind}, got {tok.value!r}", tok.pos)
        self.i += 1
        return tok

    def parse(self):
        node = self.expr()
        self.take("eof")
        return node

    def expr(self):
        tok = self.peek()
        if tok.kind == "kw" and tok.value == "let":
            self.take()
            name = self.take("name").value
            self.take("op", "=")
            value = self.expr()
            self.take("kw", "in")
            return Let(name, value, self.expr())
        if tok.kind == "kw" and tok.value == "fn":
            self.take()
            params = []
            while self.peek().kind == "name":
                params.append(self.take().value)
            self.take("op", "->")
            return Fn(params, self.expr())
        if tok.kind == "kw" and tok.value == "if":
            self.take()
            cond = self.expr()
            self.take("kw", "then")
            then = self.expr()
            self.take("kw", "else")
            return If(cond, then, self.expr())
        return self.binary(0)

    def binary(self, min_prec):
        left = self.call()
        while True:
            tok = self.peek()
            prec = self.PRECEDENCE.get(tok.value) if tok.kind == "op" else None
            if prec is None or prec <= min_prec:
                return left
            self.take()
            left = BinOp(tok.value, left, self.binary(prec))

    def call(self):
        node = self.atom()
        while self.peek().kind == "op" and self.peek().value == "(":
            self.take()
            args = []
            if self.peek().value != ")":
                args.append(self.expr())
                while self.peek().value == ",":
                    self.take()
                    args.append(self.expr())
            self.take("op", ")")
            node = Call(node, args)
        return node

    def atom(self):
        tok = self.take()
        if tok.kind == "num":
            return Num(tok.value)
        if tok.kind == "name":
            return Var(tok.value)
        if tok.value == "(":
            node = self.expr()
            self.take("op", ")")
            return node
        raise LangError(f"unexpected {tok.value!r}", tok.pos)


class Env:
    def __init__(self, bindings, parent=None):
        self.bindings, self.parent = bindings, parent

    def lookup(self, name):
        env = self
        while env is not None:
            if name in env.bindings:
                return env.bindings[name]
            env = env.parent
        raise LangError(f"unbound variable {name}")


class Closure:
    def __init__(self, fn, env):
        self.fn, self.env = fn, env

    def __repr__(self):
        return f"<closure/{len(self.fn.params)}>"


class Evaluator:
    OPS = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
           "/": lambda a, b: a // b, "%": lambda a, b: a % b, "==": lambda a, b: int(a == b),
           "!=": lambda a, b: int(a != b), "<": lambda a, b: int(a < b), ">": lambda a, b: int(a > b),
           "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b)}

    def __init__(self):
        self.steps = 0

    def visit_Num(self, node, env):
        return node.value

    def visit_Var(self, node, env):
        return env.lookup(node.name)

    def visit_BinOp(self, node, env):
        self.steps += 1
        left, right = node.left.accept(self, env), node.right.accept(self, env)
        if node.op in "/%" and right == 0:
            raise LangError("division by zero")
        return self.OPS[node.op](left, right)

    def visit_Let(self, node, env):
        value = node.value.accept(self, env)
        inner = Env({node.name: value}, env)
        if isinstance(value, Closure):
            value.env = Env(dict(value.env.bindings), value.env.parent)
            value.env.bindings[node.name] = value
        return node.body.accept(self, inner)

    def visit_Fn(self, node, env):
        return Closure(node, env)

    def visit_Call(self, node, env):
        fn = node.fn.accept(self, env)
        if not isinstance(fn, Closure):
            raise LangError(f"cannot call {fn!r}")
        args = [a.accept(self, env) for a in node.args]
        if len(args) != len(fn.fn.params):
            raise LangError(f"expected {len(fn.fn.params)} arguments, got {len(args)}")
        return fn.fn.body.accept(self, Env(dict(zip(fn.fn.params, args)), fn.env))

    def visit_If(self, node, env):
        branch = node.then if node.cond.accept(self, env) else node.other
        return branch.accept(self, env)


class Printer:
    def visit_Num(self, node):
        return str(node.value)

    def visit_Var(self, node):
        return node.name

    def visit_BinOp(self, node):
        return f"({node.left.accept(self)} {node.op} {node.right.accept(self)})"

    def visit_Let(self, node):
        return f"let {node.name} = {node.value.accept(self)} in {node.body.accept(self)}"

    def visit_Fn(self, node):
        return f"fn {' '.join(node.params)} -> {node.body.accept(self)}"

    def visit_Call(self, node):
        return f"{node.fn.accept(self)}({', '.join(a.accept(self) for a in node.args)})"

    def visit_If(self, node):
        return f"if {node.cond.accept(self)} then {node.then.accept(self)} else {node.other.accept(self)}"


def run(source):
    try:
        ast = Parser(Lexer(source).tokens()).parse()
        ev = Evaluator()
        result = ast.accept(ev, Env({}))
        print(f"{Printer().visit_Num(Num(0)) if False else ast.accept(Printer())}")
        print(f"  => {result!r} ({ev.steps} ops)")
    except LangError as e:
        print(f"error: {e}")


programs = [
    "1 + 2 * 3 - 4",
    "(1 + 2) * (3 - 4) % 5",
    "let x = 5 in let y = x * 2 in x + y",
    "let sq = fn n -> n * n in sq(7) + sq(3)",
    "let fact = fn n -> if n <= 1 then 1 else n * fact(n - 1) in fact(10)",
    "let fib = fn n -> if n < 2 then n else fib(n - 1) + fib(n - 2) in fib(15)",
    "let add = fn a b -> a + b in let inc = fn x -> add(x, 1) in inc(inc(40))",
    "let mk = fn k -> fn x -> x * k in let triple = mk(3) in triple(14)",
    "10 / (5 - 5)",
    "let f = fn a -> a in f(1, 2)",
    "1 + $",
    "y + 1",
    "let gcd = fn a b -> if b == 0 then a else gcd(b, a % b) in gcd(1071, 462)",
]
for p in programs:
    run(p)
print(Lexer("let a = 10 in a").tokens()[:3])
