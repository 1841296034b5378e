# The time module's calendar functions against python3: struct_time,
# gmtime with fixed timestamps, strftime and asctime of fixed tuples, the
# local round trip through mktime, CPython's argument errors, and datetime
# built on them.
import time
import datetime
st = time.gmtime(0)
print(time.struct_time.n_fields, time.struct_time.n_sequence_fields, repr(st), st.tm_zone, st.tm_gmtoff)
print(tuple(time.gmtime(86400 * 365.25 * 30 + 12345.75)), time.gmtime(-1.5), time.gmtime(1.99).tm_sec)
for bad in [lambda: time.strftime('%Y', (2020, 13, 1, 0, 0, 0, 0, 1, 0)), lambda: time.gmtime(1e20),
            lambda: time.gmtime(float('nan')), lambda: time.strftime('%Y', (1, 2)), lambda: time.strftime('%Y', 5),
            lambda: time.mktime((1, 2)), lambda: time.strftime(5), lambda: time.gmtime('x'),
            lambda: time.strftime('%Y', (2020, 1, 32, 0, 0, 0, 0, 1, 0)), lambda: time.strftime('%Y', (2020, 1, 1, 24, 0, 0, 0, 1, 0)),
            lambda: time.strftime('%Y', (2020, 1, 1, 0, 60, 0, 0, 1, 0)), lambda: time.strftime('%Y', (2020, 1, 1, 0, 0, 62, 0, 1, 0)),
            lambda: time.strftime('%Y', (2020, 1, 1, 0, 0, 0, 0, 367, 0)), lambda: time.strftime('%Y', (2020, 1, 1.5, 0, 0, 0, 0, 1, 0)),
            lambda: time.get_clock_info('nope')]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(time.asctime(time.gmtime(0)), time.asctime((2020, 1, 1, 0, 0, 0, 7, 1, 0)))
print(time.strftime('%Y-%m-%d %H:%M:%S %j %a %b %A %B %p %y %%', time.gmtime(86400 * 400.5)))
print(time.strftime('%Y', (2020, 0, 0, 0, 0, 0, 0, 0, 0)), repr(time.strftime('', time.gmtime(0))))
now = time.time()
lt = time.localtime(now)
print(time.mktime(lt) == int(now), lt.tm_gmtoff == -(time.altzone if lt.tm_isdst > 0 else time.timezone))
print(type(time.tzname).__name__, len(time.tzname), type(time.daylight).__name__, time.ctime(0) == time.asctime(time.localtime(0)))
info = time.get_clock_info('monotonic')
print(info.monotonic, info.adjustable, info.implementation, time.get_clock_info('time').adjustable)
print(time.thread_time() >= 0, time.localtime().tm_year >= 2024)
d = datetime.datetime.fromtimestamp(86400 * 10000, datetime.timezone.utc)
print(d, d.isoformat(), datetime.datetime.utcfromtimestamp(1e9), datetime.date.fromtimestamp(0) is not None)
print(datetime.datetime(2020, 5, 17, 13, 4, 5).strftime('%A %d %B %Y %I:%M%p'), abs(datetime.datetime.now() - datetime.datetime.fromtimestamp(time.time())).seconds < 5)
