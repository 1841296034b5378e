# Imported, dropped from sys.modules and re-imported by several threads at
# once (import_sys_modules_race.py). COMPLETE is set last.
import adv_import_counter

COMPLETE = False
table = {n: n * n for n in range(50)}
adv_import_counter.runs.append("done")
COMPLETE = True
