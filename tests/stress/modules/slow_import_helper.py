# Imported by concurrent_import.py: a module whose body takes a while, so
# other threads import it while it is still running.
import time

import import_log

import_log.runs.append(1)
parts = []
for i in range(5):
    parts.append(i)
    time.sleep(0.002)
VALUE = sum(parts)
