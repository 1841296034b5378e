import import_log
import_log.runs.append(__name__)
work = sum(range(30000))
BASE = "value-"
