# Shared state for import_sys_modules_race.py: a list that survives the
# target module being dropped from sys.modules and re-imported.
runs = []
