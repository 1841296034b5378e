// The time module's two files: time.cc (clocks and sleep, the module) and
// time_calendar.cc (struct_time and the calendar functions).
#pragma once

namespace ftpy {

struct Module;

// Adds struct_time, gmtime/localtime/mktime/strftime/asctime/ctime, tzset,
// the zone constants, thread_time and get_clock_info to `m`.
void add_time_calendar(Module* m);

}  // namespace ftpy
