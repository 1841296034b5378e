# Library modules that stood on _io, atexit, module __getattr__ and
# threading._register_atexit: logging to a stream and to a StringIO,
# traceback.format_exc, pickle through BytesIO (its framer uses
# getbuffer), configparser, tokenize over a readline, and a
# concurrent.futures thread pool (checked against python3).
import logging, sys, io, traceback, pickle, configparser, tokenize, concurrent.futures
logging.basicConfig(stream=sys.stdout, level=logging.DEBUG, format='%(levelname)s:%(name)s:%(message)s')
log = logging.getLogger('demo')
log.info('hello %s', 42)
log.warning('careful')
buf = io.StringIO()
h = logging.StreamHandler(buf)
log.addHandler(h)
log.error('to buffer')
print(repr(buf.getvalue()))
try:
    1/0
except ZeroDivisionError:
    s = traceback.format_exc()
    print(s.splitlines()[0], s.splitlines()[-1])
d = pickle.dumps({'a': [1, 2, (3, 'x')], 'b': b'bytes'})
print(pickle.loads(d))
bio = io.BytesIO()
pickle.dump([1.5, None, True], bio)
bio.seek(0); print(pickle.load(bio))
cp = configparser.ConfigParser()
cp.read_string('[sec]\nkey = value\nnum = 3\n')
print(cp['sec']['key'], cp.getint('sec', 'num'))
toks = list(tokenize.generate_tokens(io.StringIO('x = 1 + 2\n').readline))
print([t.string for t in toks])
with concurrent.futures.ThreadPoolExecutor(4) as ex:
    print(list(ex.map(lambda x: x * x, range(10))))
