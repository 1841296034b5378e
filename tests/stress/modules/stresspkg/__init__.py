# A package that threads of tests/stress/concurrent_package_import.py import
# at once. Every module appends its name to import_log.runs exactly once per
# import; the bodies do some work so that other threads arrive mid-import.
import import_log
import_log.runs.append(__name__)
total = sum(range(20000))
