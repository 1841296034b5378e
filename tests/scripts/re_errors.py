# The re module's errors: the parser's re.error, _sre's TypeErrors and
# IndexErrors, and hand-made code given to _sre.compile.
import re
import _sre


def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


attempt('unbalanced', lambda: re.compile('(a'))
attempt('bad escape', lambda: re.compile(r'\q'))
attempt('bad repeat', lambda: re.compile('a**'))
attempt('lookbehind', lambda: re.compile(r'(?<=a+)b'))
try:
    re.compile('a\n(b')
except re.error as e:
    print('error attrs', e.msg, e.pos, e.lineno, e.colno, e)
attempt('str on bytes', lambda: re.match('a', b'a'))
attempt('bytes on str', lambda: re.match(b'a', 'a'))
attempt('not a string', lambda: re.match('a', 5))
attempt('no such group', lambda: re.match('(a)', 'a').group(2))
attempt('no such name', lambda: re.match('(a)', 'a').group('x'))
attempt('negative group', lambda: re.match('(a)', 'a').span(-1))
attempt('huge group', lambda: re.match('(a)', 'a').group(2 ** 100))
attempt('unhashable group', lambda: re.match('(a)', 'a').group([]))
attempt('bad template group', lambda: re.sub('(a)', r'\2', 'a'))
attempt('unknown template name', lambda: re.sub('(a)', r'\g<zz>', 'a'))
attempt('repl returns int', lambda: re.sub('a', lambda m: 1, 'xa'))
attempt('repl raises', lambda: re.sub('a', lambda m: 1 / 0, 'a'))
attempt('sub bytes repl on str', lambda: re.sub('a', b'b', 'a'))
attempt('flags with pattern', lambda: re.compile(re.compile('a'), re.I))
attempt('pos type', lambda: re.compile('a').match('a', 'x'))
attempt('Match()', lambda: re.Match())
attempt('compile code type', lambda: _sre.compile('a', 0, (1,), 0, {}, ()))
attempt('compile code range', lambda: _sre.compile('a', 0, [2 ** 40], 0, {}, ()))
# Malformed code fails cleanly at match time: an unknown opcode, a MARK
# past the groups, a jump of zero, an UNTIL outside a REPEAT, a
# truncated program.
for code in ([99], [17, 7, 1], [15, 0], [18, 1], [16], [24, 0, 0, 4294967295, 16, 97],
             [7, 0], [9, 1], [13, 100, 0], [4, 1, 5, 1]):
    attempt(f'code {code}', lambda: _sre.compile('', 0, code, 0, {}, ()).match('aaa'))
print(_sre.MAGIC, _sre.CODESIZE, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.getcodesize())
print(_sre.unicode_tolower(0x130), _sre.unicode_iscased(0xdf), _sre.ascii_iscased(0xe9), _sre.ascii_tolower(65))
