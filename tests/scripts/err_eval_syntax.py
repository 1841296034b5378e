# A syntax error in eval()'s string is reported against the "<string>" file.
values = {"a": 1}
print(eval("a +", values))
