// The calendar half of the time module (CPython Modules/timemodule.c):
// struct_time, gmtime, localtime, mktime, strftime, asctime, ctime, the
// time-zone constants and get_clock_info, with CPython 3.11's argument
// rules and messages. datetime's now()/fromtimestamp() and logging's
// timestamps need them.
//
// Thread-safety: gmtime_r works on the caller's own struct tm. The calls
// that read the C library's time-zone state (localtime_r, mktime, tzset,
// strftime) hold g_tz_mu: glibc guards that state with an internal lock
// that ThreadSanitizer cannot see, and mktime re-reads TZ (freeing and
// reallocating the zone names) on every call. The lock is held only around
// the C call, which runs no Python code. The module's zone constants are
// replaced by tzset() while other threads may read them, as in CPython.
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/namespaces.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/tuple.h"
#include "time_module.h"

namespace ftpy {

namespace {

SysMutex g_tz_mu;

bool local_tm(const time_t* t, struct tm* out) {
  SysMutexLock hold(&g_tz_mu);
  return localtime_r(t, out) != nullptr;
}

Type* g_struct_time = nullptr;
Dict* g_time_dict = nullptr;  // the module's dict, for tzset()

// Seconds as time_t, floored (CPython's _PyTime_ObjectToTime_t with
// _PyTime_ROUND_FLOOR); None or absent: now.
bool seconds_arg(Object* o, time_t* out) {
  if (!o || o == kNone) {
    *out = time(nullptr);
    return true;
  }
  if (is_float(o)) {
    double d = static_cast<Float*>(o)->value;
    if (std::isnan(d)) {
      raise(&ValueError_type, "Invalid value NaN (not a number)");
      return false;
    }
    d = std::floor(d);
    if (!(d >= -9.2e18 && d <= 9.2e18)) {
      raise(&OverflowError_type, "timestamp out of range for platform time_t");
      return false;
    }
    *out = static_cast<time_t>(d);
    return true;
  }
  int64_t v;
  if (!index_as_i64(o, &v)) {
    if (error_matches(&OverflowError_type)) {
      clear_error();
      raise(&OverflowError_type, "timestamp out of range for platform time_t");
    }
    return false;
  }
  *out = static_cast<time_t>(v);
  return true;
}

Object* struct_time_from(const struct tm& tm) {
  int fields[] = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  (tm.tm_wday + 6) % 7, tm.tm_yday + 1, tm.tm_isdst};
  Ref<> items[9];
  Object* values[9];
  for (int i = 0; i < 9; i++) {
    items[i] = Ref<>(int_from_i64(fields[i]));
    values[i] = items[i].get();
  }
  Ref<> st(structseq_new(g_struct_time, values, 9));
  if (!st) return nullptr;
  Ref<> zone(str_new(tm.tm_zone ? tm.tm_zone : "")), gmtoff(int_from_i64(tm.tm_gmtoff));
  if (object_setattr(st.get(), str_intern("tm_zone"), zone.get()) < 0 ||
      object_setattr(st.get(), str_intern("tm_gmtoff"), gmtoff.get()) < 0) {
    return nullptr;
  }
  return st.release();
}

Object* convert_time(const char* fname, Object* const* args, size_t nargs, bool local) {
  if (!check_nargs(fname, nargs, 0, 1)) return nullptr;
  time_t t;
  if (!seconds_arg(nargs ? args[0] : nullptr, &t)) return nullptr;
  struct tm tm;
  errno = 0;
  if (!(local ? local_tm(&t, &tm) : gmtime_r(&t, &tm) != nullptr)) {
    if (errno == 0 || errno == EOVERFLOW) return raise(&OverflowError_type, "timestamp out of range for platform time_t");
    return raise_errno(errno);
  }
  return struct_time_from(tm);
}

Object* t_gmtime(Object*, Object* const* args, size_t nargs, Tuple*) { return convert_time("gmtime", args, nargs, false); }
Object* t_localtime(Object*, Object* const* args, size_t nargs, Tuple*) {
  return convert_time("localtime", args, nargs, true);
}

// A time tuple or struct_time as a struct tm (CPython's gettmarg): the
// Python conventions (months from 1, Monday = 0) turned into C's.
bool time_tuple_arg(const char* fname, Object* o, struct tm* tm) {
  std::memset(tm, 0, sizeof(*tm));
  if (!is_tuple(o)) {
    raise(&TypeError_type, "Tuple or struct_time argument required");
    return false;
  }
  auto* t = static_cast<Tuple*>(o);
  if (t->size != 9) {
    raise_fmt(&TypeError_type, "%s(): illegal time tuple argument", fname);
    return false;
  }
  int64_t v[9];
  for (int i = 0; i < 9; i++) {
    if (is_float(t->items[i])) {
      raise(&TypeError_type, "'float' object cannot be interpreted as an integer");
      return false;
    }
    if (!index_as_i64(t->items[i], &v[i])) return false;
    if (v[i] < INT32_MIN || v[i] > INT32_MAX) {
      raise(&OverflowError_type, "signed integer is greater than maximum");
      return false;
    }
  }
  if (v[0] < static_cast<int64_t>(INT32_MIN) + 1900) {
    raise(&OverflowError_type, "year out of range");
    return false;
  }
  tm->tm_year = static_cast<int>(v[0] - 1900);
  tm->tm_mon = static_cast<int>(v[1] - 1);
  tm->tm_mday = static_cast<int>(v[2]);
  tm->tm_hour = static_cast<int>(v[3]);
  tm->tm_min = static_cast<int>(v[4]);
  tm->tm_sec = static_cast<int>(v[5]);
  tm->tm_wday = static_cast<int>((v[6] + 1) % 7);
  tm->tm_yday = static_cast<int>(v[7] - 1);
  tm->tm_isdst = static_cast<int>(v[8]);
  if (o->ob_type == g_struct_time) {
    Ref<> gmtoff(object_getattr_cstr(o, "tm_gmtoff"));
    int64_t off = 0;
    if (gmtoff && is_int(gmtoff.get()) && int_as_i64(gmtoff.get(), &off)) tm->tm_gmtoff = off;
    clear_error();
  }
  return true;
}

// CPython's checktm, for asctime and strftime.
bool check_tm(struct tm* tm) {
  const char* bad = nullptr;
  if (tm->tm_mon == -1) tm->tm_mon = 0;
  else if (tm->tm_mon < 0 || tm->tm_mon > 11) bad = "month out of range";
  if (!bad && tm->tm_mday == 0) tm->tm_mday = 1;
  else if (!bad && (tm->tm_mday < 0 || tm->tm_mday > 31)) bad = "day of month out of range";
  if (!bad && (tm->tm_hour < 0 || tm->tm_hour > 23)) bad = "hour out of range";
  if (!bad && (tm->tm_min < 0 || tm->tm_min > 59)) bad = "minute out of range";
  if (!bad && (tm->tm_sec < 0 || tm->tm_sec > 61)) bad = "seconds out of range";
  if (!bad && tm->tm_wday < 0) bad = "day of week out of range";
  if (!bad && tm->tm_yday == -1) tm->tm_yday = 0;
  else if (!bad && (tm->tm_yday < 0 || tm->tm_yday > 365)) bad = "day of year out of range";
  if (bad) {
    raise(&ValueError_type, bad);
    return false;
  }
  return true;
}

// The given tuple, or localtime() now.
bool tm_or_now(const char* fname, Object* const* args, size_t nargs, struct tm* tm) {
  if (nargs == 0) {
    time_t now = time(nullptr);
    errno = 0;
    if (!local_tm(&now, tm)) {
      raise_errno(errno ? errno : EOVERFLOW);
      return false;
    }
    return true;
  }
  return time_tuple_arg(fname, args[0], tm) && check_tm(tm);
}

Object* t_strftime(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("strftime", nargs, 1, 2)) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "strftime() argument 1 must be str, not %s", type_name(args[0]));
  }
  struct tm tm;
  if (!tm_or_now("strftime", args + 1, nargs - 1, &tm)) return nullptr;
  if (tm.tm_isdst < -1) tm.tm_isdst = -1;
  else if (tm.tm_isdst > 1) tm.tm_isdst = 1;
  std::string fmt(str_view(args[0]));
  if (fmt.find('\0') != std::string::npos) return raise(&ValueError_type, "embedded null character");
  if (fmt.empty()) return str_new("");
  // A result can be legitimately empty ("%p" in some locales), so grow the
  // buffer up to 256 times the format's length, as CPython does.
  for (size_t size = 1024;; size += size) {
    std::vector<char> buf(size);
    size_t n;
    {
      SysMutexLock hold(&g_tz_mu);  // %Z reads the zone names
      n = std::strftime(buf.data(), size, fmt.c_str(), &tm);
    }
    if (n > 0 || size >= 256 * fmt.size()) return str_new(std::string_view(buf.data(), n));
  }
}

std::string asctime_text(const struct tm& tm) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return absl::StrFormat("%s %s%3d %.2d:%.2d:%.2d %d", kDays[tm.tm_wday], kMonths[tm.tm_mon], tm.tm_mday, tm.tm_hour,
                         tm.tm_min, tm.tm_sec, 1900 + static_cast<int64_t>(tm.tm_year));
}

Object* t_asctime(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("asctime", nargs, 0, 1)) return nullptr;
  struct tm tm;
  if (!tm_or_now("asctime", args, nargs, &tm)) return nullptr;
  return str_new(asctime_text(tm));
}

Object* t_ctime(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("ctime", nargs, 0, 1)) return nullptr;
  time_t t;
  if (!seconds_arg(nargs ? args[0] : nullptr, &t)) return nullptr;
  struct tm tm;
  if (!local_tm(&t, &tm)) return raise(&OverflowError_type, "timestamp out of range for platform time_t");
  return str_new(asctime_text(tm));
}

Object* t_mktime(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("mktime", nargs, 1, 1)) return nullptr;
  struct tm tm;
  if (!time_tuple_arg("mktime", args[0], &tm)) return nullptr;
  tm.tm_wday = -1;  // sentinel: mktime sets it on success
  time_t t;
  {
    SysMutexLock hold(&g_tz_mu);
    t = mktime(&tm);
  }
  if (t == static_cast<time_t>(-1) && tm.tm_wday == -1) return raise(&OverflowError_type, "mktime argument out of range");
  return float_from(static_cast<double>(t));
}

// timezone, altzone, daylight and tzname from January's and July's
// offsets this year (CPython's init_timezone, the tm_gmtoff branch).
void set_zone_constants(Dict* d) {
  constexpr time_t kYear = (365 * 24 + 6) * 3600;
  time_t t = (time(nullptr) / kYear) * kYear;
  struct tm jan, jul;
  time_t mid = t + kYear / 2;
  local_tm(&t, &jan);
  local_tm(&mid, &jul);
  long janzone = -jan.tm_gmtoff, julzone = -jul.tm_gmtoff;
  std::string janname = jan.tm_zone ? jan.tm_zone : "", julname = jul.tm_zone ? jul.tm_zone : "";
  bool reversed = janzone < julzone;  // southern hemisphere: DST in January
  Ref<> zone(int_from_i64(reversed ? julzone : janzone));
  Ref<> alt(int_from_i64(reversed ? janzone : julzone));
  Ref<> daylight(int_from_i64(janzone != julzone));
  Ref<> std_name(str_new(reversed ? julname : janname)), dst_name(str_new(reversed ? janname : julname));
  Ref<Tuple> names(tuple_pack({std_name.get(), dst_name.get()}));
  dict_set_str(d, "timezone", zone.get());
  dict_set_str(d, "altzone", alt.get());
  dict_set_str(d, "daylight", daylight.get());
  dict_set_str(d, "tzname", names.get());
}

Object* t_tzset(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("tzset", nargs, 0, 0)) return nullptr;
  {
    SysMutexLock hold(&g_tz_mu);
    tzset();
  }
  set_zone_constants(g_time_dict);
  return newref(kNone);
}

Object* t_thread_time(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("thread_time", nargs, 0, 0)) return nullptr;
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return float_from(static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9);
}

// get_clock_info(name): how each clock is read, as a SimpleNamespace.
Object* t_get_clock_info(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("get_clock_info", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "get_clock_info() argument must be str, not %s", type_name(args[0]));
  }
  std::string_view name = str_view(args[0]);
  const char* impl;
  bool monotonic = true, adjustable = false;
  clockid_t id;
  if (name == "time") {
    impl = "clock_gettime(CLOCK_REALTIME)", id = CLOCK_REALTIME, monotonic = false, adjustable = true;
  } else if (name == "monotonic" || name == "perf_counter") {
    impl = "clock_gettime(CLOCK_MONOTONIC)", id = CLOCK_MONOTONIC;
  } else if (name == "process_time") {
    impl = "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)", id = CLOCK_PROCESS_CPUTIME_ID;
  } else if (name == "thread_time") {
    impl = "clock_gettime(CLOCK_THREAD_CPUTIME_ID)", id = CLOCK_THREAD_CPUTIME_ID;
  } else {
    return raise(&ValueError_type, "unknown clock");
  }
  timespec res;
  clock_getres(id, &res);
  Type* ns_type = simple_namespace_type();
  Ref<> ns(ns_type ? object_call(reinterpret_cast<Object*>(ns_type), nullptr, 0, nullptr) : nullptr);
  if (!ns) return nullptr;
  struct {
    const char* key;
    Ref<> value;
  } attrs[] = {
      {"implementation", Ref<>(str_new(impl))},
      {"monotonic", Ref<>(newref(bool_from(monotonic)))},
      {"adjustable", Ref<>(newref(bool_from(adjustable)))},
      {"resolution", Ref<>(float_from(static_cast<double>(res.tv_sec) + res.tv_nsec * 1e-9))},
  };
  for (auto& a : attrs) {
    if (!a.value || object_setattr(ns.get(), str_intern(a.key), a.value.get()) < 0) return nullptr;
  }
  return ns.release();
}

const MethodDef kCalendarFunctions[] = {
    {"gmtime", t_gmtime}, {"localtime", t_localtime}, {"mktime", t_mktime}, {"strftime", t_strftime},
    {"asctime", t_asctime}, {"ctime", t_ctime}, {"tzset", t_tzset}, {"thread_time", t_thread_time},
    {"get_clock_info", t_get_clock_info}, {nullptr, nullptr},
};

}  // namespace

void add_time_calendar(Module* m) {
  g_time_dict = m->dict;
  g_struct_time = structseq_new_type(
      "struct_time", "time",
      {"tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec", "tm_wday", "tm_yday", "tm_isdst"},
      {"tm_zone", "tm_gmtoff"});
  make_immortal(g_struct_time);
  add_functions(m->dict, m, kCalendarFunctions);
  dict_set_str(m->dict, "struct_time", g_struct_time);
  // struct_time's length with tm_zone and tm_gmtoff (_strptime slices to it).
  dict_set_str(m->dict, "_STRUCT_TM_ITEMS", Ref<>(int_from_i64(11)).get());
  tzset();
  set_zone_constants(m->dict);
}

}  // namespace ftpy
