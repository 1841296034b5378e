# The standard streams are _io objects: sys.stdout is a TextIOWrapper over a
# BufferedWriter over FileIO(1), so text and bytes written through its
# layers come out in order, print(flush=True) and file= work, and what a
# program printed comes before an error report on stderr. input() at the
# end of stdin (the test runs with /dev/null) raises EOFError. (Whether
# stdout has a buffer depends on PYTHONUNBUFFERED, as in CPython, so the
# test does not print it.)
import io
import sys

out = sys.stdout
print(type(out).__name__, out.buffer.name, out.buffer.mode, type(sys.stdin.buffer).__name__)
print(out.name, out.mode, out.encoding, out.errors)
print(sys.stderr.name, sys.stderr.errors, sys.stdin.name, sys.stdin.mode, sys.stdin.errors)
print(out.fileno(), sys.stderr.fileno(), sys.stdin.fileno(), out.writable(), sys.stdin.readable())
print(out.write('written directly\n'))
out.flush()
out.buffer.write(b'bytes through the buffer\n')
out.buffer.flush()
print('after bytes', flush=True)
print('to stderr', file=sys.stderr)
print('a', 'b', sep='-', end='!\n', file=out)
buf = io.StringIO()
print('captured', 42, file=buf)
print(repr(buf.getvalue()))
print(sys.__stdout__ is out, sys.__stderr__ is sys.stderr, sys.__stdin__ is sys.stdin)
try:
    input('prompt> ')
except EOFError as e:
    print()
    print('EOFError', e)
print(sys.stdin.read() == '')
print('last line before the error')
raise SystemExit('exiting with a message')
