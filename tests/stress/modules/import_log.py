# Counts executions of slow_import_helper's body (see concurrent_import.py).
runs = []
