# CPython 3.11's own re package on the native _sre: matching, searching,
# groups, flags, substitution, splitting, iteration and the Match/Pattern
# objects, compared with CPython's output.
import re

print(re.match(r'(a)(b)?', 'ac'))
print(re.findall(r'\d+', 'a1b22c333'), re.findall(r'(\w)(\d)', 'a1 b2 c'), re.findall(r'(x)?y', 'y xy'))
print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@home and ann@work'))
print(re.sub(r'(?P<w>\w+)', r'<\g<w>|\g<0>>', 'ab cd'), re.subn('a', 'b', 'aaa', count=2))
print(re.sub(r'\d', lambda m: str(int(m.group()) * 2), 'a1b2c9'))
print(re.split(r'[,;]\s*', 'a, b;c,  d'), re.split(r'(,)', 'a,b'), re.split(r'x*', 'axbc'), re.split(',', 'a,b,c', 1))
m = re.compile(r'(?P<y>\d{4})-(?P<m>\d\d)(-(?P<d>\d\d))?').search('on 2024-05 and')
print(m.groupdict(), m.groupdict('-'), m.groups(), m.groups(0), m.lastindex, m.lastgroup)
print(m.span(), m.span('m'), m.start(2), m.end('y'), m.regs, m['y'], m[0], m.group(1, 'm', 0))
print(m.pos, m.endpos, m.string, m.re, m.expand(r'\g<m>/\1'))
print([m.span() for m in re.finditer(r'a*', 'baaac')], re.sub('x*', '-', 'abxd'))
print(re.fullmatch(r'[a-z]+', 'hello'), re.fullmatch(r'[a-z]+', 'hello!'), re.fullmatch('a|ab', 'ab'))
print(re.compile('a', re.I | re.M), re.compile(b'a+').findall(b'caaab'), re.compile('x', re.A))
print(re.compile('.' * 300).pattern == '.' * 300, repr(re.compile('a', re.X | re.S | 4096)))

# Positions and anchors.
p = re.compile(r'^\w+$', re.M)
print(p.findall('one\ntwo\n\nthree'), p.search('xx yy', 3), p.match('abc', 1, 2), re.compile('').match('abc', 2, 1))
print(re.search(r'\Aab\Z', 'ab'), re.search(r'a$', 'a\n'), re.search(r'a\Z', 'a\n'), re.findall(r'\b\w', 'hi there, you'))
print(re.match(r'(?<=a)b', 'ab', 1), re.search(r'(?<!a)b', 'ab cb'), re.search(r'a(?=b)', 'ac ab').span(),
      re.search(r'a(?!b)', 'ab ac').span())

# Repeats, backtracking, alternation, back-references, conditionals.
print(re.match(r'(a|b)*c', 'ababc').groups(), re.match(r'(a|bc)+?d', 'abcd').group(0, 1))
print(re.match(r'(a*)*b', 'aaab').groups(), re.match(r'(a*)+?b', 'aab').groups(), re.match(r'(?:ab){2,3}', 'abababab'))
print(re.match(r'a{2}?', 'aaa'), re.match(r'a{,2}', 'aaa'), re.match(r'(ab|a)(bc|c)', 'abc').groups())
print(re.match(r'(?:a+)++b', 'aaab'), re.match(r'(?>a+)ab', 'aaab'), re.match(r'a*+a', 'aaa'), re.match(r'(?:x|xy)++z', 'xyz'))
print(re.match(r'(a)(?(1)b|c)', 'ab'), re.match(r'(a)?(?(1)b|c)', 'c'), re.match(r'(\w)\1', 'xx'), re.match(r'(?P<q>.)(?P=q)', 'zz'))
print(re.match(r'(a)|b', 'b').groups(), re.match(r'((a)|b)+', 'ab').groups(), re.match(r'(a)(?:(b)|c)*', 'abc').groups())
print(re.search(r'(\d+)\s+\1', 'x 12 12 y').group(1), re.findall(r'(a)(?=(b))', 'abab'))

# Case-insensitive matching, ASCII and Unicode.
print(re.search(r'(?i)straße', 'STRASSE'), re.search(r'(?i)ΣΑΣ', 'σας'), re.findall(r'(?i)[a-c]+', 'xAbCy'))
print(re.match(r'(?i)k', '\u212a'), re.match(r'(?ia)k', '\u212a'), re.match(r'(?i)\u0130', 'i\u0307'), re.match(r'(?i)(a)\1', 'aA'))
print(re.findall(b'(?i)[a-z]+', b'ABC def'), re.findall(r'(?i)[^a]', 'AaBb'))

# Unicode subjects: positions count code points.
print(re.sub('é', 'e', 'café olé'), re.findall(r'\w+', 'naïve café 東京 x_1'), re.findall(r'\d', '1٣३'))
print(re.findall(r'(?a)\w+', 'naïve'), re.search('京', '東京 abc 京').span(), re.split(r'\s+', 'a\u2003b\u3000c'))
u = re.search(r'(\w+) (\w+)', 'ünï cödé')
print(u.groups(), u.span(2), u.start(1), re.sub(r'(\w)(\w)', r'\2\1', 'αβγδ'))
long_text = 'ä' * 200 + 'needle' + 'ö' * 100
print(re.search('needle', long_text).span(), len(re.findall('ö', long_text)), re.search('(e+)(d)', long_text).groups())

# bytes, bytearray and memoryview subjects.
print(re.match(rb'(\d+)', bytearray(b'42x')).group(1), re.findall(rb'.', memoryview(b'ab')), re.sub(b'a', b'b', b'aa'))
print(re.match(b'\\w+', '\u00e9'.encode()), re.match(rb'(?L)\w', b'a'), re.split(b',', b'x,y'))

# Character classes and categories.
print(re.findall(r'[\d\s]+', 'a 1 2b'), re.findall(r'[^\W\d_]+', 'ab1_cd'), re.findall(r'[-a]', 'a-b'),
      re.findall(r'[\]]', 'a]'), re.findall(r'[\u0400-\u04ff]+', 'abc где'), re.findall(r'\S+', ' a  bc '))
print(re.findall(r'.', 'a\nb'), re.findall(r'(?s).', 'a\nb'), re.findall(r'[^\n]', 'a\nb'))

# Big repeat counts and long subjects run without recursion.
print(len(re.match(r'(?:ab)*', 'ab' * 100000).group()), len(re.match(r'(a|b)*', 'ab' * 50000).group()),
      re.match(r'(x+x+)+y', 'x' * 18), len(re.findall(r'\w+', 'word ' * 20000)))

# Pattern objects.
p1, p2 = re.compile('a+', re.I), re.compile('a+', re.I)
print(p1 == p2, hash(p1) == hash(p2), p1 == re.compile('a+'), p1.groups, dict(re.compile('(?P<x>a)(b)').groupindex))
print(p1.flags, re.compile('(?i)a').flags, re.compile(b'a').flags, re.Pattern, re.Match, type(p1.scanner('')).__name__)
sc = re.compile(r'\d').scanner('a1b2')
print(sc.search(), sc.search(), sc.search(), sc.match(), sc.pattern)
sc = re.compile(r'\d').scanner('12a')
print(sc.match(), sc.match(), sc.match(), sc.match())
import copy
print(copy.copy(p1) is p1, copy.deepcopy(m) is m, re.Pattern[str], re.Match[bytes])
print(re.escape('a.b*c'), re.purge(), re.template('a') if hasattr(re, 'template') else None)
