# A malformed imaginary literal.
x = 1jx
