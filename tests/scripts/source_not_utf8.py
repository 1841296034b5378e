# No declaration: the file must be UTF-8.
x = 1
y = 'é'
