# Differential test of the regex engine: random patterns over a small
# alphabet, built from every kind of node re/_parser.py knows, matched
# against random subjects. The expected output is CPython's; a deterministic
# generator (no random module) keeps the two runs identical.
import re

state = 12345


def rand(n):
    global state
    state = (state * 1103515245 + 12345) % 2147483648
    return (state >> 8) % n


ATOMS = ['a', 'b', 'c', '.', '[ab]', '[^a]', r'\w', r'\d', r'\s', '[a-c]', 'é', '[é-ü]']
ANCHORS = [r'\b', '^', '$', r'\B', r'\A', r'\Z']
names = 0
QUANT = ['', '', '', '*', '+', '?', '*?', '+?', '??', '{2}', '{1,3}', '{,2}?', '*+', '++']


def pattern(depth=0):
    parts = []
    for _ in range(1 + rand(4)):
        k = rand(10)
        if k == 0:
            parts.append(ANCHORS[rand(len(ANCHORS))])
        elif k < 6 or depth > 2:
            parts.append(ATOMS[rand(len(ATOMS))] + QUANT[rand(len(QUANT))])
        elif k == 6:
            parts.append('(' + pattern(depth + 1) + '|' + pattern(depth + 1) + ')' + QUANT[rand(len(QUANT))])
        elif k == 7:
            global names
            names += 1
            opener = ['(?:', '(?=', '(?!', '(?>', '(?P<n%d>' % names][rand(5)]
            parts.append(opener + pattern(depth + 1) + ')' + (QUANT[rand(len(QUANT))] if opener[2] in ':>P' else ''))
        elif k == 8:
            parts.append('(' + pattern(depth + 1) + ')' + (r'\1' if rand(2) else '(?(1)a|b)'))
        else:
            parts.append(['(?<=a)', '(?<!b)', '(?<=ab)', '(?i:A)'][rand(4)])
    return ''.join(parts)


def subject():
    return ''.join('abcé 1\nü'[rand(8)] for _ in range(rand(12)))


for i in range(1200):
    p = pattern()
    flags = [0, re.I, re.M, re.S, re.A, re.I | re.M][rand(6)]
    try:
        rx = re.compile(p, flags)
    except re.error as e:
        print(i, repr(p), 'error', e)
        continue
    s = subject()
    m = rx.search(s)
    out = [m and (m.span(), m.groups(), m.lastindex), rx.findall(s), rx.sub('<>', s, 3), rx.split(s, 2)]
    f = rx.fullmatch(s)
    out.append(f and f.span())
    print(i, repr(p), flags, repr(s), out)
