# Decoding invalid UTF-8 strictly raises UnicodeDecodeError.
data = b"ok \xff\xfe"
print(data.decode("utf-8"))
