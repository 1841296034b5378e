# The interpreter's command-line flags as CPython reads them: -X options in
# sys._xoptions, -X dev (dev_mode, warnoptions, error handlers checked even
# when unused), -E (PYTHONPATH ignored), -I (no script folder on sys.path),
# and several flags run together. Each case runs a child interpreter: this
# one (sys.executable), so the script checks ftpy under ftpy and CPython
# under CPython.
import os
import subprocess
import sys
import tempfile

CHILD = '''
import sys
f = sys.flags
print(f.dev_mode, f.ignore_environment, f.isolated, f.no_user_site, f.no_site, f.quiet, f.safe_path)
print(sorted(sys._xoptions.items()), sys.warnoptions)
print(any(p.endswith('from_pythonpath') for p in sys.path))
for fn in (lambda: 'a'.encode('utf-8', 'Boom'), lambda: b''.decode(errors='Boom'), lambda: bytes('', 'ascii', 'Boom'),
           lambda: str(b'x', 'latin1', 'Boom'), lambda: bytearray('', encoding='utf8', errors='Boom')):
    try:
        print(repr(fn()))
    except LookupError as e:
        print('LookupError', e)
'''

env = dict(os.environ, PYTHONPATH='/nonexistent/from_pythonpath')
for flags in ([], ['-X', 'dev'], ['-X', 'foo=bar', '-X', 'baz'], ['-E'], ['-I'], ['-Es'], ['-S', '-q'], ['-X', 'dev', '-E']):
    r = subprocess.run([sys.executable, *flags, '-c', CHILD], capture_output=True, text=True, env=env)
    print(flags, r.returncode)
    print(r.stdout, end='')
    if r.returncode:
        print(r.stderr)

with tempfile.TemporaryDirectory() as d:
    script = os.path.join(d, 'show_path.py')
    with open(script, 'w') as f:
        f.write('import sys, os\nprint(os.path.dirname(os.path.abspath(__file__)) in sys.path)\n')
    for flags in ([], ['-I']):
        r = subprocess.run([sys.executable, *flags, script], capture_output=True, text=True)
        print(flags, r.stdout.strip())
