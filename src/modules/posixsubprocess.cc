// _posixsubprocess.fork_exec (CPython Modules/_posixsubprocess.c), which
// subprocess.Popen calls to start every child on POSIX.
//
// The parent converts everything first: argv, the environment, the
// executables to try and the working directory become C strings, and the
// descriptors to keep a sorted vector. Then it forks. The child may be one
// thread of a process whose other threads held locks (the allocator's, a
// critical section's, the stop-the-world mutex) at the fork, so it calls
// only async-signal-safe functions on that prepared data: dup2, chdir,
// umask, setsid, setpgid, set*id, close and exec, then writes a failure as
// "OSError:<hex errno>:[noexec]" to the error pipe, which subprocess.py
// decodes, and exits with 255. It never runs Python code, so preexec_fn
// is refused (design/stdlib.md, "_posixsubprocess").
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <string>
#include <vector>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "module_init.h"
#include "posix_support.h"

namespace ftpy {
namespace {

using Args = Object* const*;

// NULL-terminated arrays of C strings whose storage the object owns.
struct CStrings {
  std::vector<std::string> storage;
  std::vector<char*> pointers;
  char** finish() {
    pointers.clear();
    for (std::string& s : storage) pointers.push_back(s.data());
    pointers.push_back(nullptr);
    return pointers.data();
  }
};

// One file-system argument: str (UTF-8, surrogateescape), bytes or
// os.PathLike, as CPython's PyUnicode_FSConverter.
bool fs_arg(Object* o, std::string* out) {
  if (!is_str(o) && !is_bytes(o) && !type_lookup(o->ob_type, FTPY_ID("__fspath__"))) {
    raise_fmt(&TypeError_type, "expected str, bytes or os.PathLike object, not %s", type_name(o));
    return false;
  }
  PathArg p;
  if (!path_arg("fork_exec", "argument", o, false, &p)) return false;
  *out = std::move(p.path);
  return true;
}

// Every item of a sequence as a file-system string.
bool fs_sequence(Object* seq, const char* what, CStrings* out) {
  Ref<> it(object_iter(seq));
  if (!it) {
    clear_error();
    raise_fmt(&TypeError_type, "%s must be a sequence", what);
    return false;
  }
  while (Ref<> item{iter_next(it.get())}) {
    std::string s;
    if (!fs_arg(item.get(), &s)) return false;
    out->storage.push_back(std::move(s));
  }
  return !error_occurred();
}

// An id argument (uid, gid, an extra group), or -1 for None.
bool id_arg(Object* o, long* out) {
  if (o == kNone) {
    *out = -1;
    return true;
  }
  int64_t v;
  if (!int_arg(o, &v)) return false;
  *out = static_cast<long>(v);
  return true;
}

// CPython's _sanity_check_python_fd_sequence: sorted, non-negative ints.
bool fds_to_keep(Object* seq, std::vector<int>* out) {
  if (!has_flag(seq, kTypeTupleSubclass)) {
    raise(&TypeError_type, "pass_fds must be a tuple");
    return false;
  }
  Ref<> it(object_iter(seq));
  if (!it) return false;
  int previous = -1;
  while (Ref<> item{iter_next(it.get())}) {
    int64_t fd;
    if (!is_int(item.get()) || !int_as_i64(item.get(), &fd) || fd < 0 || fd > INT_MAX || fd <= previous) {
      clear_error();
      raise(&ValueError_type, "bad value(s) in fds_to_keep");
      return false;
    }
    previous = static_cast<int>(fd);
    out->push_back(previous);
  }
  return !error_occurred();
}

// ---- the child: async-signal-safe calls only ----

struct ChildPlan {
  char** argv;
  char** envp;  // nullptr: inherit the environment (execv)
  std::vector<char*> executables;
  const char* cwd;
  const int* keep;
  size_t nkeep;
  bool close_fds, restore_signals, call_setsid;
  int p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write;
  int pgid_to_set, child_umask;
  long gid, uid;
  const gid_t* groups;
  size_t ngroups;
  bool set_groups;
};

void write_all(int fd, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    data += w;
    n -= static_cast<size_t>(w);
  }
}

bool set_inheritable_fd(int fd, bool inheritable) {
  int flags = fcntl(fd, F_GETFD);
  if (flags < 0) return false;
  int wanted = inheritable ? flags & ~FD_CLOEXEC : flags | FD_CLOEXEC;
  return wanted == flags || fcntl(fd, F_SETFD, wanted) == 0;
}

// Closes every descriptor from 3 up but the kept ones (close_range where
// the kernel has it, else one by one up to the limit).
void close_open_fds(const ChildPlan& p) {
  long max_fd = sysconf(_SC_OPEN_MAX);
  if (max_fd < 0) max_fd = 256;
  unsigned int from = 3;
  for (size_t i = 0; i <= p.nkeep; i++) {
    unsigned int until = i < p.nkeep ? static_cast<unsigned int>(p.keep[i]) : UINT_MAX;  // exclusive
    if (until < from) continue;
    if (until > from) {
#ifdef SYS_close_range
      if (syscall(SYS_close_range, from, until - 1, 0) != 0)
#endif
      {
        long end = std::min<long>(static_cast<long>(until), max_fd);
        for (long fd = from; fd < end; fd++) close(static_cast<int>(fd));
      }
    }
    if (until == UINT_MAX) break;
    from = until + 1;
  }
}

[[noreturn]] void child_exec(ChildPlan& p) {
  bool reached_exec_stage = false;
  int saved_errno = 0;
  // The kept descriptors become inheritable (the error pipe stays
  // close-on-exec: its closing tells the parent that exec succeeded).
  for (size_t i = 0; i < p.nkeep; i++) {
    if (p.keep[i] != p.errpipe_write && !set_inheritable_fd(p.keep[i], true)) goto error;
  }
  if (p.p2cwrite != -1) close(p.p2cwrite);
  if (p.c2pread != -1) close(p.c2pread);
  if (p.errread != -1) close(p.errread);
  close(p.errpipe_read);
  // A descriptor about to be overwritten by a dup2 below moves first
  // (CPython issue #12607).
  if (p.c2pwrite == 0) {
    if ((p.c2pwrite = dup(p.c2pwrite)) < 0 || !set_inheritable_fd(p.c2pwrite, false)) goto error;
  }
  while (p.errwrite == 0 || p.errwrite == 1) {
    if ((p.errwrite = dup(p.errwrite)) < 0 || !set_inheritable_fd(p.errwrite, false)) goto error;
  }
  // dup2 clears close-on-exec; where it would be a no-op, clear it here.
  if (p.p2cread == 0) {
    if (!set_inheritable_fd(0, true)) goto error;
  } else if (p.p2cread != -1 && dup2(p.p2cread, 0) < 0) {
    goto error;
  }
  if (p.c2pwrite == 1) {
    if (!set_inheritable_fd(1, true)) goto error;
  } else if (p.c2pwrite != -1 && dup2(p.c2pwrite, 1) < 0) {
    goto error;
  }
  if (p.errwrite == 2) {
    if (!set_inheritable_fd(2, true)) goto error;
  } else if (p.errwrite != -1 && dup2(p.errwrite, 2) < 0) {
    goto error;
  }
  if (p.cwd && chdir(p.cwd) < 0) goto error;
  if (p.child_umask >= 0) umask(static_cast<mode_t>(p.child_umask));
  if (p.restore_signals) {  // what the interpreter ignores, back to the default (_Py_RestoreSignals)
    signal(SIGPIPE, SIG_DFL);
    signal(SIGXFSZ, SIG_DFL);
  }
  if (p.call_setsid && setsid() < 0) goto error;
  if (p.pgid_to_set >= 0 && setpgid(0, p.pgid_to_set) < 0) goto error;
  if (p.set_groups && setgroups(p.ngroups, p.groups) < 0) goto error;
  if (p.gid != -1 && setregid(static_cast<gid_t>(p.gid), static_cast<gid_t>(p.gid)) < 0) goto error;
  if (p.uid != -1 && setreuid(static_cast<uid_t>(p.uid), static_cast<uid_t>(p.uid)) < 0) goto error;
  reached_exec_stage = true;
  if (p.close_fds) close_open_fds(p);
  // Each candidate in turn (os._execvpe's search); the first error other
  // than "not found" is the one reported.
  for (char* exe : p.executables) {
    if (p.envp) execve(exe, p.argv, p.envp);
    else execv(exe, p.argv);
    if (errno != ENOENT && errno != ENOTDIR && saved_errno == 0) saved_errno = errno;
  }
  if (saved_errno) errno = saved_errno;
error:
  saved_errno = errno;
  char hex[2 * sizeof(int) + 1];
  char* cur = hex + sizeof hex;
  for (unsigned int e = static_cast<unsigned int>(saved_errno); e != 0 && cur != hex; e /= 16) {
    *--cur = "0123456789abcdef"[e % 16];
  }
  write_all(p.errpipe_write, "OSError:", 8);
  write_all(p.errpipe_write, cur, static_cast<size_t>(hex + sizeof hex - cur));
  write_all(p.errpipe_write, ":", 1);
  // Tells the parent the error came before exec (chdir and the like), so
  // it names cwd rather than the executable.
  if (!reached_exec_stage) write_all(p.errpipe_write, "noexec", 6);
  _exit(255);
}

// fork_exec(args, executable_list, close_fds, pass_fds, cwd, env,
//           p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite,
//           errpipe_read, errpipe_write, restore_signals, call_setsid,
//           pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn,
//           allow_vfork) -> pid
Object* fork_exec(Object*, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("fork_exec", kwnames)) return nullptr;
  if (nargs != 23) return raise_fmt(&TypeError_type, "fork_exec() takes exactly 23 arguments (%d given)", nargs);
  if (args[21] != kNone) {
    return raise(&RuntimeError_type,
                 "preexec_fn is not supported: the child of a free-threaded process may not run Python code");
  }
  ChildPlan plan{};
  CStrings argv, env, executables;
  if (args[0] != kNone && !fs_sequence(args[0], "args", &argv)) return nullptr;
  if (!fs_sequence(args[1], "executable_list", &executables)) return nullptr;
  int close_fds = object_is_true(args[2]);
  if (close_fds < 0) return nullptr;
  std::vector<int> keep;
  if (!fds_to_keep(args[3], &keep)) return nullptr;
  std::string cwd;
  if (args[4] != kNone && !fs_arg(args[4], &cwd)) return nullptr;
  if (args[5] != kNone && !fs_sequence(args[5], "env", &env)) return nullptr;
  int* fds[] = {&plan.p2cread, &plan.p2cwrite, &plan.c2pread, &plan.c2pwrite,
                &plan.errread, &plan.errwrite, &plan.errpipe_read, &plan.errpipe_write};
  for (size_t i = 0; i < 8; i++) {
    if (!c_int_arg(args[6 + i], fds[i])) return nullptr;
  }
  if (close_fds && plan.errpipe_write < 3) return raise(&ValueError_type, "errpipe_write must be >= 3");
  int restore = object_is_true(args[14]), setsid_flag = object_is_true(args[15]);
  if (restore < 0 || setsid_flag < 0) return nullptr;
  if (!c_int_arg(args[16], &plan.pgid_to_set) || !id_arg(args[17], &plan.gid) || !id_arg(args[19], &plan.uid) ||
      !c_int_arg(args[20], &plan.child_umask)) {
    return nullptr;
  }
  std::vector<gid_t> groups;
  if (args[18] != kNone) {
    Ref<> it(object_iter(args[18]));
    if (!it) return nullptr;
    while (Ref<> g{iter_next(it.get())}) {
      long v;
      if (!id_arg(g.get(), &v)) return nullptr;
      groups.push_back(static_cast<gid_t>(v));
    }
    if (error_occurred()) return nullptr;
    plan.set_groups = true;
  }
  plan.argv = argv.finish();
  plan.envp = args[5] != kNone ? env.finish() : nullptr;
  for (std::string& e : executables.storage) plan.executables.push_back(e.data());
  plan.cwd = args[4] != kNone ? cwd.c_str() : nullptr;
  plan.keep = keep.data();
  plan.nkeep = keep.size();
  plan.close_fds = close_fds != 0;
  plan.restore_signals = restore != 0;
  plan.call_setsid = setsid_flag != 0;
  plan.groups = groups.data();
  plan.ngroups = groups.size();
  pid_t pid = fork();
  if (pid == 0) child_exec(plan);
  if (pid < 0) return raise_errno(errno);
  return int_from_i64(pid);
}

const MethodDef kFunctions[] = {{"fork_exec", fork_exec}, {nullptr, nullptr}};

}  // namespace

void init_posixsubprocess_module() {
  Module* m = module_new("_posixsubprocess");
  add_functions(m->dict, m, kFunctions);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
