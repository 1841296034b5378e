# Tabs alone, and the same tabs-then-spaces prefix throughout, are fine.
if True:
	x = 1
	if x:
		y = 2
	else:
		y = 3
class C:
	def f(self):
	    return 4
print(x, y, C().f())
