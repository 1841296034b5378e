# Indentation whose meaning depends on the tab size: TabError.
if True:
        x = 1
	y = 2
print(x)
