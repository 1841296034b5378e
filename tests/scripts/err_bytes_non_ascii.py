# Non-ASCII characters are not allowed in a bytes literal.
data = b"café"
