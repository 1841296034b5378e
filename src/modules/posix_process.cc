// The posix module's file-descriptor, environment and process calls
// (CPython Modules/posixmodule.c); the path and directory calls are in
// posix.cc, which builds the module from both tables.
//
// Thread-safety: each call is one system call on the caller's arguments.
// Calls that can block (open, read, write, waitpid, system) detach first
// (detach.h), so a stop-the-world pause or the GIL never waits on them.
// putenv/unsetenv change the C environment while other threads may read it
// through getenv; CPython has the same race.
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "ftpy/bytes.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/namespaces.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "posix_support.h"

extern char** environ;

namespace ftpy {

namespace {

using Args = Object* const*;

Type* g_terminal_size = nullptr;
Type* g_uname_result = nullptr;
Type* g_times_result = nullptr;

// ---- file descriptors ----

Object* p_open(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[4] = {nullptr, nullptr, nullptr, nullptr};
  if (!parse_args("open", args, nargs, kwnames, {"path", "flags", "mode", "dir_fd"}, 2, a)) return nullptr;
  PathArg p;
  int64_t flags, mode = 0777;
  if (!path_arg("open", "path", a[0], false, &p) || !int_arg(a[1], &flags) || (a[2] && !int_arg(a[2], &mode))) {
    return nullptr;
  }
  int fd;
  {
    DetachScope blocking(DetachMode::kBlocking);  // a FIFO blocks until its other end opens
    fd = open(p.path.c_str(), static_cast<int>(flags) | O_CLOEXEC, static_cast<mode_t>(mode));
  }
  if (fd < 0) return raise_errno(errno, p.object.get());
  return int_from_i64(fd);
}

Object* p_close(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("close", args, nargs, kwnames, {"fd"}, 1, a)) return nullptr;
  int fd;
  if (!fd_arg(a[0], &fd)) return nullptr;
  return none_or_errno(close(fd));
}

Object* p_read(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("read", nargs, 2, 2)) return nullptr;
  int fd;
  int64_t n;
  if (!fd_arg(args[0], &fd) || !int_arg(args[1], &n)) return nullptr;
  if (n < 0) return raise_errno(EINVAL);
  std::string buf(static_cast<size_t>(n), '\0');
  // PEP 475: interrupted by a signal, the handlers run (their exception
  // ends the call), then the read is tried again.
  int err;
  ssize_t got = call_retrying_eintr([&] { return read(fd, buf.data(), buf.size()); }, &err);
  if (got < 0) return err ? raise_errno(err) : nullptr;
  buf.resize(static_cast<size_t>(got));
  return bytes_new(buf);
}

Object* p_write(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("write", nargs, 2, 2)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  std::string data;
  if (!is_bytes_like(args[1])) {
    return raise_fmt(&TypeError_type, "a bytes-like object is required, not '%s'", type_name(args[1]));
  }
  if (!bytes_like_copy(args[1], &data)) return nullptr;
  int err;
  ssize_t put = call_retrying_eintr([&] { return write(fd, data.data(), data.size()); }, &err);  // as read
  if (put < 0) return err ? raise_errno(err) : nullptr;
  return int_from_i64(put);
}

Object* p_lseek(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("lseek", nargs, 3, 3)) return nullptr;
  int fd;
  int64_t pos, how;
  if (!fd_arg(args[0], &fd) || !int_arg(args[1], &pos) || !int_arg(args[2], &how)) return nullptr;
  off_t r = lseek(fd, static_cast<off_t>(pos), static_cast<int>(how));
  if (r < 0) return raise_errno(errno);
  return int_from_i64(r);
}

template <int (*F)(int)>
Object* fd_to_none(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("fd", nargs, 1, 1)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  return none_or_errno(F(fd));
}

Object* p_dup(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("dup", nargs, 1, 1)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  int r = fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (r < 0) return raise_errno(errno);
  return int_from_i64(r);
}

Object* p_dup2(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args("dup2", args, nargs, kwnames, {"fd", "fd2", "inheritable"}, 2, a)) return nullptr;
  int fd, fd2;
  if (!fd_arg(a[0], &fd) || !fd_arg(a[1], &fd2)) return nullptr;
  bool inheritable = true;
  if (a[2]) {
    int t = object_is_true(a[2]);
    if (t < 0) return nullptr;
    inheritable = t;
  }
  int r = inheritable ? dup2(fd, fd2) : dup3(fd, fd2, O_CLOEXEC);
  if (r < 0) return raise_errno(errno);
  return int_from_i64(r);
}

Object* p_pipe(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("pipe", nargs, 0, 0)) return nullptr;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) < 0) return raise_errno(errno);
  Ref<> r(int_from_i64(fds[0])), w(int_from_i64(fds[1]));
  return tuple_pack({r.get(), w.get()});
}

Object* p_isatty(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("isatty", nargs, 1, 1)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  return newref(bool_from(isatty(fd) == 1));
}

Object* p_ftruncate(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("ftruncate", nargs, 2, 2)) return nullptr;
  int fd;
  int64_t length;
  if (!fd_arg(args[0], &fd) || !int_arg(args[1], &length)) return nullptr;
  return none_or_errno(ftruncate(fd, static_cast<off_t>(length)));
}

Object* p_get_inheritable(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("get_inheritable", nargs, 1, 1)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return raise_errno(errno);
  return newref(bool_from(!(flags & FD_CLOEXEC)));
}

Object* p_set_inheritable(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("set_inheritable", nargs, 2, 2)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  int t = object_is_true(args[1]);
  if (t < 0) return nullptr;
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return raise_errno(errno);
  return none_or_errno(fcntl(fd, F_SETFD, t ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC));
}

// get_blocking(fd) / set_blocking(fd, blocking): O_NONBLOCK in the status flags.
Object* p_get_blocking(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("get_blocking", nargs, 1, 1)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return raise_errno(errno);
  return newref(bool_from(!(flags & O_NONBLOCK)));
}

Object* p_set_blocking(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("set_blocking", nargs, 2, 2)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  int t = object_is_true(args[1]);
  if (t < 0) return nullptr;
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0) return raise_errno(errno);
  return none_or_errno(fcntl(fd, F_SETFL, t ? flags & ~O_NONBLOCK : flags | O_NONBLOCK));
}

Object* p_device_encoding(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("device_encoding", nargs, 1, 1)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  return isatty(fd) == 1 ? str_new("utf-8") : newref(kNone);
}

// ---- the environment and the process ----

Object* p_putenv(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("putenv", nargs, 2, 2)) return nullptr;
  PathArg name, value;
  if (!path_arg("putenv", "name", args[0], false, &name) || !path_arg("putenv", "value", args[1], false, &value)) {
    return nullptr;
  }
  if (name.path.empty() || name.path.find('=') != std::string::npos) {
    return raise(&ValueError_type, "illegal environment variable name");
  }
  return none_or_errno(setenv(name.path.c_str(), value.path.c_str(), 1));
}

Object* p_unsetenv(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("unsetenv", nargs, 1, 1)) return nullptr;
  PathArg name;
  if (!path_arg("unsetenv", "name", args[0], false, &name)) return nullptr;
  if (name.path.empty() || name.path.find('=') != std::string::npos) {
    return raise(&ValueError_type, "illegal environment variable name");
  }
  return none_or_errno(unsetenv(name.path.c_str()));
}

// posix.environ: {bytes name: bytes value} as at start-up (os.py wraps it).
Object* make_environ() {
  Ref<Dict> env(dict_new());
  if (!env) return nullptr;
  for (char** e = environ; e && *e; e++) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    Ref<> k(bytes_new(entry.substr(0, eq))), v(bytes_new(entry.substr(eq + 1)));
    if (!k || !v) return nullptr;
    if (dict_get(env.get(), k.get())) continue;  // the first wins, as CPython
    if (dict_set(env.get(), k.get(), v.get()) < 0) return nullptr;
  }
  return env.release();
}

template <auto F>
Object* id_call(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("id", nargs, 0, 0)) return nullptr;
  return int_from_i64(static_cast<int64_t>(F()));
}

Object* p_kill(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("kill", nargs, 2, 2)) return nullptr;
  int64_t pid, sig;
  if (!int_arg(args[0], &pid) || !int_arg(args[1], &sig)) return nullptr;
  Ref<> r(none_or_errno(kill(static_cast<pid_t>(pid), static_cast<int>(sig))));
  // A signal sent to this process runs its handler now, as in CPython.
  if (!r || !check_signals()) return nullptr;
  return r.release();
}

Object* p_waitpid(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("waitpid", nargs, 2, 2)) return nullptr;
  int64_t pid, options;
  if (!int_arg(args[0], &pid) || !int_arg(args[1], &options)) return nullptr;
  int status = 0, err;
  pid_t r = call_retrying_eintr([&] { return waitpid(static_cast<pid_t>(pid), &status, static_cast<int>(options)); },
                                &err);  // as read
  if (r < 0) return err ? raise_errno(err) : nullptr;
  Ref<> a(int_from_i64(r)), b(int_from_i64(status));
  return tuple_pack({a.get(), b.get()});
}

Object* p_waitstatus_to_exitcode(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("waitstatus_to_exitcode", args, nargs, kwnames, {"status"}, 1, a)) return nullptr;
  int64_t status;
  if (!int_arg(a[0], &status)) return nullptr;
  int s = static_cast<int>(status);
  if (WIFEXITED(s)) return int_from_i64(WEXITSTATUS(s));
  if (WIFSIGNALED(s)) return int_from_i64(-WTERMSIG(s));
  return raise_fmt(&ValueError_type, "invalid wait status: %d", s);
}

// os.WIFEXITED(status) and the other wait-status macros (subprocess reads
// them): `Test` is the macro, `Bool` whether its result is a truth value.
template <int (*Test)(int), bool Bool>
Object* wait_macro(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("wait status function", args, nargs, kwnames, {"status"}, 1, a)) return nullptr;
  int64_t status;
  if (!int_arg(a[0], &status)) return nullptr;
  int r = Test(static_cast<int>(status));
  return Bool ? newref(bool_from(r != 0)) : int_from_i64(r);
}

int w_ifexited(int s) { return WIFEXITED(s); }
int w_exitstatus(int s) { return WEXITSTATUS(s); }
int w_ifsignaled(int s) { return WIFSIGNALED(s); }
int w_termsig(int s) { return WTERMSIG(s); }
int w_ifstopped(int s) { return WIFSTOPPED(s); }
int w_stopsig(int s) { return WSTOPSIG(s); }
int w_ifcontinued(int s) { return WIFCONTINUED(s); }
int w_coredump(int s) { return WCOREDUMP(s); }

Object* p_exit(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("_exit", nargs, 1, 1)) return nullptr;
  int64_t code;
  if (!int_arg(args[0], &code)) return nullptr;
  std::fflush(nullptr);
  _exit(static_cast<int>(code));
}

Object* p_system(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("system", args, nargs, kwnames, {"command"}, 1, a)) return nullptr;
  PathArg cmd;
  if (!path_arg("system", "command", a[0], false, &cmd)) return nullptr;
  std::fflush(nullptr);
  int r;
  {
    DetachScope blocking(DetachMode::kBlocking);
    r = system(cmd.path.c_str());
  }
  return int_from_i64(r);
}

Object* p_umask(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("umask", nargs, 1, 1)) return nullptr;
  int64_t mask;
  if (!int_arg(args[0], &mask)) return nullptr;
  return int_from_i64(umask(static_cast<mode_t>(mask)));
}

Object* p_strerror(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("strerror", nargs, 1, 1)) return nullptr;
  int64_t code;
  if (!int_arg(args[0], &code)) return nullptr;
  return str_new(std::strerror(static_cast<int>(code)));
}

Object* p_urandom(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("urandom", nargs, 1, 1)) return nullptr;
  int64_t n;
  if (!int_arg(args[0], &n)) return nullptr;
  if (n < 0) return raise(&ValueError_type, "negative argument not allowed");
  std::string buf(static_cast<size_t>(n), '\0');
  size_t got = 0;
  while (got < buf.size()) {
    ssize_t r = getrandom(buf.data() + got, buf.size() - got, 0);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return raise_errno(errno);
    got += static_cast<size_t>(r);
  }
  return bytes_new(buf);
}

Object* p_cpu_count(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("cpu_count", nargs, 0, 0)) return nullptr;
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? int_from_i64(n) : newref(kNone);
}

Object* p_uname(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("uname", nargs, 0, 0)) return nullptr;
  struct utsname u;
  if (uname(&u) < 0) return raise_errno(errno);
  Ref<> f[] = {Ref<>(str_new(u.sysname)), Ref<>(str_new(u.nodename)), Ref<>(str_new(u.release)),
               Ref<>(str_new(u.version)), Ref<>(str_new(u.machine))};
  Object* values[5];
  for (int i = 0; i < 5; i++) values[i] = f[i].get();
  return structseq_new(g_uname_result, values, 5);
}

Object* p_times(Object*, Args, size_t nargs, Tuple*) {
  if (!check_nargs("times", nargs, 0, 0)) return nullptr;
  struct tms t;
  clock_t elapsed = times(&t);
  if (elapsed == static_cast<clock_t>(-1)) return raise_errno(errno);
  double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  Ref<> f[] = {Ref<>(float_from(static_cast<double>(t.tms_utime) / tick)),
               Ref<>(float_from(static_cast<double>(t.tms_stime) / tick)),
               Ref<>(float_from(static_cast<double>(t.tms_cutime) / tick)),
               Ref<>(float_from(static_cast<double>(t.tms_cstime) / tick)),
               Ref<>(float_from(static_cast<double>(elapsed) / tick))};
  Object* values[5];
  for (int i = 0; i < 5; i++) values[i] = f[i].get();
  return structseq_new(g_times_result, values, 5);
}

Object* p_get_terminal_size(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("get_terminal_size", nargs, 0, 1)) return nullptr;
  int fd = 1;
  if (nargs == 1 && !fd_arg(args[0], &fd)) return nullptr;
  struct winsize w;
  if (ioctl(fd, TIOCGWINSZ, &w) < 0) return raise_errno(errno);
  Ref<> c(int_from_i64(w.ws_col)), l(int_from_i64(w.ws_row));
  Object* values[] = {c.get(), l.get()};
  return structseq_new(g_terminal_size, values, 2);
}

}  // namespace

const MethodDef kPosixProcessFunctions[] = {
    {"open", p_open}, {"close", p_close}, {"read", p_read}, {"write", p_write}, {"lseek", p_lseek},
    {"fsync", fd_to_none<fsync>}, {"dup", p_dup}, {"dup2", p_dup2}, {"pipe", p_pipe}, {"isatty", p_isatty},
    {"ftruncate", p_ftruncate}, {"get_inheritable", p_get_inheritable}, {"set_inheritable", p_set_inheritable},
    {"get_blocking", p_get_blocking},   {"set_blocking", p_set_blocking},
    {"device_encoding", p_device_encoding},
    {"putenv", p_putenv}, {"unsetenv", p_unsetenv},
    {"getpid", id_call<getpid>}, {"getppid", id_call<getppid>}, {"getuid", id_call<getuid>},
    {"geteuid", id_call<geteuid>}, {"getgid", id_call<getgid>}, {"getegid", id_call<getegid>},
    {"getpgrp", id_call<getpgrp>},
    {"kill", p_kill}, {"waitpid", p_waitpid}, {"waitstatus_to_exitcode", p_waitstatus_to_exitcode},
    {"WIFEXITED", wait_macro<w_ifexited, true>}, {"WEXITSTATUS", wait_macro<w_exitstatus, false>},
    {"WIFSIGNALED", wait_macro<w_ifsignaled, true>}, {"WTERMSIG", wait_macro<w_termsig, false>},
    {"WIFSTOPPED", wait_macro<w_ifstopped, true>}, {"WSTOPSIG", wait_macro<w_stopsig, false>},
    {"WIFCONTINUED", wait_macro<w_ifcontinued, true>}, {"WCOREDUMP", wait_macro<w_coredump, true>},
    {"_exit", p_exit}, {"system", p_system}, {"umask", p_umask}, {"strerror", p_strerror},
    {"urandom", p_urandom}, {"cpu_count", p_cpu_count}, {"uname", p_uname}, {"times", p_times},
    {"get_terminal_size", p_get_terminal_size},
    {nullptr, nullptr},
};

void init_posix_process(Dict* module_dict) {
  g_terminal_size = structseq_new_type("terminal_size", "os", {"columns", "lines"});
  g_uname_result = structseq_new_type("uname_result", "posix", {"sysname", "nodename", "release", "version", "machine"});
  g_times_result = structseq_new_type("times_result", "posix",
                                      {"user", "system", "children_user", "children_system", "elapsed"});
  for (Type* t : {g_terminal_size, g_uname_result, g_times_result}) make_immortal(t);
  dict_set_str(module_dict, "terminal_size", g_terminal_size);
  dict_set_str(module_dict, "uname_result", g_uname_result);
  dict_set_str(module_dict, "times_result", g_times_result);
  dict_set_str(module_dict, "environ", Ref<>(make_environ()).get());
}

}  // namespace ftpy
