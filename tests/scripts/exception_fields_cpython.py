# Exception fields where CPython's test_exceptions found ftpy different:
# __suppress_context__ as a settable bool, __cause__/__context__/
# __traceback__ not deletable, the Unicode errors' messages following their
# fields, UnicodeDecodeError.object as bytes, ImportError.__init__
# resetting name and path, SyntaxError's details checked, and an except
# tuple checked whole before it matches.
try:
    raise Exception()
except Exception as exc:
    e = exc
print(e.__context__, e.__cause__, e.__suppress_context__)
e.__context__ = NameError()
e.__cause__ = None
print(type(e.__context__).__name__, e.__cause__, e.__suppress_context__)
e.__suppress_context__ = False
print(e.__suppress_context__)
u = UnicodeEncodeError('baz', 'xxxxx', 1, 5, 'foo'); print(str(u))
u.end = 2; print(str(u))
u.end = 5; u.reason = 0x345345345345345345; print(str(u))
u.encoding = 4000; print(str(u))
u.start = 1000; print(str(u))
u = UnicodeDecodeError('baz', b'xxxxx', 1, 5, 'foo'); print(str(u))
u.end = 2; print(str(u))
u = UnicodeDecodeError('ascii', bytearray(b'\xff'), 0, 1, 'ordinal not in range'); print(repr(u.object), u.args)
u = UnicodeTranslateError('xxxx', 1, 5, 'foo'); print(str(u))
u.end = 2; print(str(u))
u = UnicodeTranslateError('x\u20acx', 1, 2, 'r'); print(str(u))
e = Exception()
for f in (lambda: delattr(e, '__suppress_context__'), lambda: setattr(e, '__suppress_context__', 1),
          lambda: delattr(e, '__cause__'), lambda: delattr(e, '__context__'), lambda: delattr(e, '__traceback__'),
          lambda: setattr(e, '__traceback__', 1), lambda: setattr(e, '__cause__', 1), lambda: setattr(e, '__context__', 1)):
    try:
        f()
        print('ok')
    except Exception as x:
        print(type(x).__name__, x)
exc = ImportError('test', name='name', path='path')
print(exc.args, exc.msg, exc.name, exc.path)
exc.__init__(); print(exc.args, exc.msg, exc.name, exc.path)
exc.__init__('x', path='p'); print(exc.args, exc.msg, exc.name, exc.path)
try: exc.__init__(foo=1)
except TypeError as e: print(e)
a = AttributeError('m', name='n', obj=1); a.__init__('z'); print(a.args, a.name, a.obj)
try: ValueError(1).__init__(x=1)
except TypeError as e: print(e)
class E(Exception):
    def __init__(self, a, b=1):
        super().__init__(a); self.b = b
print(E('x', b=2).args, E('x', b=2).b)
for a in [('bad.py', 1, 2), ('bad.py', 1, 2, 4, 5, 6, 7), ('bad.py', 1, 2, 'abcdefg', 1), 5, 'abc',
          ('f', 1, 2, 'x'), ('f', 1, 2, 'x', 1, 3)]:
    try:
        e = SyntaxError('bad bad', a)
        print('ok', e.args, e.lineno, e.end_offset)
    except TypeError as x:
        print('TypeError', x)
for body in ["try:\n    raise ValueError\nexcept 42:\n    pass", "try:\n    raise ValueError\nexcept (ValueError, 42):\n    pass",
             "try:\n    raise ValueError\nexcept* 42:\n    pass", "try:\n    raise ValueError\nexcept* (ValueError, 42):\n    pass",
             "try:\n    raise ExceptionGroup('e', [ValueError()])\nexcept* (ValueError, 42):\n    pass",
             "try:\n    raise ValueError\nexcept* ExceptionGroup:\n    pass", "try:\n    raise ValueError\nexcept* (TypeError, ExceptionGroup):\n    pass"]:
    try:
        exec(body)
        print("no error")
    except Exception as e:
        print(type(e).__name__, e)
