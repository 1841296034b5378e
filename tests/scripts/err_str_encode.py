# Encoding a character outside ASCII strictly raises UnicodeEncodeError.
print("na\u00efve".encode("ascii"))
