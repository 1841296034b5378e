# exec() wants a real dict for globals.
exec("x = 1", [("x", 0)])
