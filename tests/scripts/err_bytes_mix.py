# bytes and str do not mix in a literal.
x = b"a" "b"
