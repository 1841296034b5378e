name = 5  # a UTF-8 byte-order mark is not part of the first name
print(name)
