# How a SyntaxError raised by Python code prints (CPython 3.11's
# print_exception_file_and_line and print_error_text): the location from
# its args, the text with leading blanks stripped, carets from offset to
# end_offset (clipped to the line; none when offset is 0 or left of the
# text), only the last line of a multi-line text up to the offset, then
# the msg alone; a subclass ignores end_offset; unreadable fields fall back
# to str(exc).
import io
import sys

cases = [
    ("bad.py", 1, 2, "abcdefg", 1, 7),
    ("bad.py", 1, 2, "abcdefg", 1, 3),
    ("bad.py", 1, 2, "abcdefg", 1, 100),
    ("bad.py", 1, 0, "abcdefg", 1, 0),
    ("bad.py", 1, 0, "abcdefg", 1, 5),
    ("bad.py", 1, 8, "abcdefg", 1, 8),
    ("bad.py", 2, 3, "   indented", 2, 6),
    ("bad.py", 1, 8, "first\nsecond", 2, 3),
    ("bad.py", 1, 2, "abc\n", 2, 1),
    (None, 5, 1, "x", None, None),
    ("bad.py", 1, None, "abcdefg", None, None),
    ("bad.py", 1, 2, None, None, None),
    ("f.py", 3, 5, "  h\u00e9llo w\u00f6rld\n", 3, 9),
]


class MySyntaxError(SyntaxError):
    pass


def show(exc_type, args):
    try:
        raise exc_type("bad bad", args)
    except SyntaxError:
        err = io.StringIO()
        saved, sys.stderr = sys.stderr, err
        try:
            sys.__excepthook__(*sys.exc_info())
        finally:
            sys.stderr = saved
        print(err.getvalue().split("\n", 3)[-1].replace("\n", "|"))


for args in cases:
    show(SyntaxError, args)
show(MySyntaxError, ("bad.py", 1, 2, "abcdefg", 1, 7))
for odd in (("bad.py", "one", 2, "abc", 1, 3), ("bad.py", 1, "two", "abc", 1, 3)):
    show(SyntaxError, odd)
