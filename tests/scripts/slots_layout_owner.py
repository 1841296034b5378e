# Classes whose bases add no slots to a shared slotted base are not a
# layout conflict (pathlib's PosixPath(Path, PurePosixPath)); bases that
# each add slots are. pathlib itself then runs (checked against python3).
import pathlib, os
p = pathlib.Path(os.environ.get('TMPDIR', '/tmp')) / ('ftpy_pathlib_%d' % os.getpid())
p.mkdir(exist_ok=True)
(p / 'a.txt').write_text('hello\n')
print((p / 'a.txt').read_text(), (p / 'a.txt').exists(), (p / 'b').exists())
print(sorted(x.name for x in p.iterdir()), p.name.startswith('ftpy_pathlib_'), p.suffix, (p / 'a.txt').suffix)
print(pathlib.PurePosixPath('/a/b/c.tar.gz').suffixes, pathlib.Path('x/y').parts)
(p / 'a.txt').unlink(); p.rmdir(); print(p.exists())
class A:
    __slots__ = ('x',)
class B(A):
    __slots__ = ()
class C(A):
    __slots__ = ()
class D(B, C):
    __slots__ = ()
d = D(); d.x = 5; print(d.x)
class E(A):
    __slots__ = ('y',)
class F(A):
    __slots__ = ('z',)
try:
    class G(E, F): pass
except TypeError as e:
    print(e)
