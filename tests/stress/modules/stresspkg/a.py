import import_log
from . import shared
from .shared import BASE
import_log.runs.append(__name__)
work = sum(i * i for i in range(5000))
VALUE = BASE + "a"
