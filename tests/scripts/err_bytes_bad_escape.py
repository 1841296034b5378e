# A truncated \x escape in a bytes literal.
data = b"ab\x4"
