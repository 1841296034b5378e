// The posix module: the operating-system calls under CPython's os.py
// (CPython Modules/posixmodule.c), with its argument rules and OSError
// subclasses. It has what os, os.path, shutil, tempfile and subprocess-free
// code reach: stat, directories, file descriptors, the environment, process
// identity and a few process calls (design/stdlib.md lists what is left).
// dir_fd and follow_symlinks are accepted where os.py passes them, and
// _have_functions is empty, so os.py never offers the *at() variants.
//
// This file has the path arguments, stat and the directory calls, and
// builds the module; file descriptors, the environment and processes are in
// posix_process.cc, scandir in posix_scandir.cc.
//
// Thread-safety: each call is one system call on the caller's own
// arguments, and none of these blocks for long.
#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../objects/codecs.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/contracts.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/namespaces.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "module_init.h"
#include "posix_support.h"

namespace ftpy {

// ---- shared with posix_scandir.cc ----

bool path_arg(const char* fname, const char* param, Object* o, bool allow_fd, PathArg* out, bool allow_none) {
  out->object = Ref<>::borrow(o);
  if (allow_fd && is_int(o)) {
    int64_t fd;
    if (!int_as_i64(o, &fd)) return false;
    if (fd < 0 || fd > INT_MAX) {
      raise_fmt(&ValueError_type, "%s: fd must be a non-negative integer", fname);
      return false;
    }
    out->fd = static_cast<int>(fd);
    return true;
  }
  Ref<> value = Ref<>::borrow(o);
  if (!is_str(o) && !is_bytes(o)) {
    Object* fspath = type_lookup(o->ob_type, FTPY_ID("__fspath__"));
    if (!fspath) {
      const char* allowed = allow_fd && allow_none ? "string, bytes, os.PathLike, integer or None"
                            : allow_fd            ? "string, bytes, os.PathLike or integer"
                            : allow_none          ? "string, bytes, os.PathLike or None"
                                                  : "string, bytes or os.PathLike";
      raise_fmt(&TypeError_type, "%s: %s should be %s, not %s", fname, param, allowed, type_name(o));
      return false;
    }
    bool found;
    value = Ref<>(call_special(o, FTPY_ID("__fspath__"), nullptr, 0, &found));
    if (!value) return false;
    if (!is_str(value.get()) && !is_bytes(value.get())) {
      raise_fmt(&TypeError_type, "expected %s.__fspath__() to return str or bytes, not %s", type_name(o),
                type_name(value.get()));
      return false;
    }
  }
  if (is_bytes(value.get())) {
    out->path = std::string(bytes_view(value.get()));
    out->is_bytes = true;
  } else {
    Ref<> encoding(str_new("utf-8")), errors(str_new("surrogateescape"));
    if (!encode_str(value.get(), encoding.get(), errors.get(), &out->path)) return false;
  }
  if (out->path.find('\0') != std::string::npos) {
    // CPython's two messages: the str encoder's, and path_converter's.
    if (out->is_bytes) {
      raise_fmt(&ValueError_type, "%s: embedded null character in %s", fname, param);
    } else {
      raise(&ValueError_type, "embedded null byte");
    }
    return false;
  }
  return true;
}

Object* fs_name(std::string_view name, bool as_bytes) {
  if (as_bytes) return bytes_new(name);
  Ref<> encoding(str_new("utf-8")), errors(str_new("surrogateescape"));
  return decode_bytes(name, encoding.get(), errors.get());
}

namespace {

Type* g_stat_result = nullptr;

Object* time_float(const struct timespec& ts) {
  return float_from(static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9);
}

Object* time_ns(const struct timespec& ts) {
  Mpz z;
  mpz_set_si(z.z, ts.tv_sec);
  mpz_mul_ui(z.z, z.z, 1000000000);
  mpz_add_ui(z.z, z.z, static_cast<unsigned long>(ts.tv_nsec));
  return int_from_mpz(z.z);
}

}  // namespace

// os.stat_result: ten sequence items (the last three the integer times,
// reachable only by index, as CPython's unnamed fields), then the float
// and nanosecond times, st_blksize, st_blocks and st_rdev as attributes.
Object* stat_result_from(const void* stat_buf) {
  const auto& st = *static_cast<const struct stat*>(stat_buf);
  Ref<> items[] = {
      Ref<>(int_from_i64(st.st_mode)),          Ref<>(int_from_i64(static_cast<int64_t>(st.st_ino))),
      Ref<>(int_from_i64(static_cast<int64_t>(st.st_dev))), Ref<>(int_from_i64(static_cast<int64_t>(st.st_nlink))),
      Ref<>(int_from_i64(st.st_uid)),           Ref<>(int_from_i64(st.st_gid)),
      Ref<>(int_from_i64(st.st_size)),          Ref<>(int_from_i64(st.st_atim.tv_sec)),
      Ref<>(int_from_i64(st.st_mtim.tv_sec)),   Ref<>(int_from_i64(st.st_ctim.tv_sec)),
  };
  Object* values[10];
  for (int i = 0; i < 10; i++) {
    if (!items[i]) return nullptr;
    values[i] = items[i].get();
  }
  Ref<> result(structseq_new(g_stat_result, values, 10));
  if (!result) return nullptr;
  struct Extra {
    const char* name;
    Ref<> value;
  } extras[] = {
      {"st_atime", Ref<>(time_float(st.st_atim))},    {"st_mtime", Ref<>(time_float(st.st_mtim))},
      {"st_ctime", Ref<>(time_float(st.st_ctim))},    {"st_atime_ns", Ref<>(time_ns(st.st_atim))},
      {"st_mtime_ns", Ref<>(time_ns(st.st_mtim))},    {"st_ctime_ns", Ref<>(time_ns(st.st_ctim))},
      {"st_blksize", Ref<>(int_from_i64(st.st_blksize))}, {"st_blocks", Ref<>(int_from_i64(st.st_blocks))},
      {"st_rdev", Ref<>(int_from_i64(static_cast<int64_t>(st.st_rdev)))},
  };
  for (auto& e : extras) {
    if (!e.value || object_setattr(result.get(), str_intern(e.name), e.value.get()) < 0) return nullptr;
  }
  return result.release();
}

bool int_arg(Object* o, int64_t* out) {
  if (is_float(o)) {
    raise(&TypeError_type, "'float' object cannot be interpreted as an integer");
    return false;
  }
  return index_as_i64(o, out);
}

bool fd_arg(Object* o, int* out) {
  int64_t v;
  if (!int_arg(o, &v)) return false;
  if (v < INT_MIN || v > INT_MAX) {
    raise(&OverflowError_type, "fd is greater than maximum");
    return false;
  }
  *out = static_cast<int>(v);
  return true;
}

bool object_as_fd(Object* o, int* out) {
  Ref<> value;
  if (is_int(o)) {
    value = Ref<>::borrow(o);
  } else {
    value = Ref<>(call_method(o, "fileno", nullptr, 0));
    if (!value) {
      if (!error_matches(&AttributeError_type)) return false;
      clear_error();
      raise(&TypeError_type, "argument must be an int, or have a fileno() method.");
      return false;
    }
    if (!is_int(value.get())) {
      raise(&TypeError_type, "fileno() returned a non-integer");
      return false;
    }
  }
  int fd;
  if (!c_int_arg(value.get(), &fd)) return false;
  if (fd < 0) {
    raise_fmt(&ValueError_type, "file descriptor cannot be a negative integer (%d)", fd);
    return false;
  }
  *out = fd;
  return true;
}

Object* none_or_errno(int r, Object* filename, Object* filename2) {
  if (r < 0) return raise_errno(errno, filename, filename2);
  return newref(kNone);
}

namespace {

using Args = Object* const*;

// ---- stat ----

Object* do_stat(const char* fname, Args args, size_t nargs, Tuple* kwnames, bool follow_default) {
  Object* a[3] = {nullptr, nullptr, nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"path", "dir_fd", "follow_symlinks"}, 1, a)) return nullptr;
  PathArg p;
  if (!path_arg(fname, "path", a[0], true, &p)) return nullptr;
  bool follow = follow_default;
  if (a[2]) {
    int t = object_is_true(a[2]);
    if (t < 0) return nullptr;
    follow = t;
  }
  struct stat st;
  int r = p.fd >= 0 ? fstat(p.fd, &st) : follow ? stat(p.path.c_str(), &st) : lstat(p.path.c_str(), &st);
  if (r < 0) return raise_errno(errno, p.fd >= 0 ? nullptr : p.object.get());
  return stat_result_from(&st);
}

Object* p_stat(Object*, Args args, size_t nargs, Tuple* kwnames) { return do_stat("stat", args, nargs, kwnames, true); }
Object* p_lstat(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return do_stat("lstat", args, nargs, kwnames, false);
}

Object* p_fstat(Object*, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("fstat", nargs, 1, 1)) return nullptr;
  int fd;
  if (!fd_arg(args[0], &fd)) return nullptr;
  struct stat st;
  if (fstat(fd, &st) < 0) return raise_errno(errno);
  return stat_result_from(&st);
}

// ---- directories and names ----

Object* p_getcwd_common(bool as_bytes) {
  std::vector<char> buf(PATH_MAX);
  while (!getcwd(buf.data(), buf.size())) {
    if (errno != ERANGE) return raise_errno(errno);
    buf.resize(buf.size() * 2);
  }
  return fs_name(buf.data(), as_bytes);
}

Object* p_getcwd(Object*, Args, size_t nargs, Tuple*) {
  return check_nargs("getcwd", nargs, 0, 0) ? p_getcwd_common(false) : nullptr;
}
Object* p_getcwdb(Object*, Args, size_t nargs, Tuple*) {
  return check_nargs("getcwdb", nargs, 0, 0) ? p_getcwd_common(true) : nullptr;
}

Object* p_listdir(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("listdir", args, nargs, kwnames, {"path"}, 0, a)) return nullptr;
  PathArg p;
  if (a[0] && a[0] != kNone) {
    if (!path_arg("listdir", "path", a[0], true, &p, true)) return nullptr;
  } else {
    p.path = ".";
  }
  DIR* dir;
  if (p.fd >= 0) {  // a directory descriptor: read a duplicate from the start
    int copy = fcntl(p.fd, F_DUPFD_CLOEXEC, 0);
    dir = copy < 0 ? nullptr : fdopendir(copy);
    if (!dir) {
      int err = errno;
      if (copy >= 0) close(copy);
      return raise_errno(err);
    }
    rewinddir(dir);
  } else {
    dir = opendir(p.path.c_str());
  }
  if (!dir) return raise_errno(errno, a[0] && a[0] != kNone ? a[0] : Ref<>(str_new(".")).get());
  std::vector<std::string> names;
  errno = 0;
  while (struct dirent* e = readdir(dir)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) names.emplace_back(e->d_name);
  }
  int err = errno;
  closedir(dir);
  if (err) return raise_errno(err, p.object.get());
  Ref<List> out(list_new());
  if (!out) return nullptr;
  for (const std::string& n : names) {
    Ref<> name(fs_name(n, p.is_bytes));
    if (!name || list_append(out.get(), name.get()) < 0) return nullptr;
  }
  return out.release();
}

// f(path) for mkdir-style calls: (name, parameters, call).
template <class Call>
Object* path_call(const char* fname, Args args, size_t nargs, Tuple* kwnames,
                  std::initializer_list<const char*> params, size_t required, Call call) {
  // parse_args fills one slot per parameter: room for the longest list
  // (access and utime take five).
  Object* a[8] = {};
  FTPY_ASSERT(params.size() <= 8);
  if (!parse_args(fname, args, nargs, kwnames, params, required, a)) return nullptr;
  PathArg p;
  if (!path_arg(fname, "path", a[0], false, &p)) return nullptr;
  return call(p, a);
}

Object* p_mkdir(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("mkdir", args, nargs, kwnames, {"path", "mode", "dir_fd"}, 1, [](PathArg& p, Object** a) {
    int64_t mode = 0777;
    if (a[1] && !int_arg(a[1], &mode)) return static_cast<Object*>(nullptr);
    return none_or_errno(mkdir(p.path.c_str(), static_cast<mode_t>(mode)), p.object.get());
  });
}

Object* p_rmdir(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("rmdir", args, nargs, kwnames, {"path", "dir_fd"}, 1,
                   [](PathArg& p, Object**) { return none_or_errno(rmdir(p.path.c_str()), p.object.get()); });
}

Object* p_unlink(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("unlink", args, nargs, kwnames, {"path", "dir_fd"}, 1,
                   [](PathArg& p, Object**) { return none_or_errno(unlink(p.path.c_str()), p.object.get()); });
}

Object* p_remove(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("remove", args, nargs, kwnames, {"path", "dir_fd"}, 1,
                   [](PathArg& p, Object**) { return none_or_errno(unlink(p.path.c_str()), p.object.get()); });
}

Object* p_chdir(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("chdir", args, nargs, kwnames, {"path"}, 1,
                   [](PathArg& p, Object**) { return none_or_errno(chdir(p.path.c_str()), p.object.get()); });
}

Object* p_chmod(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("chmod", args, nargs, kwnames, {"path", "mode", "dir_fd", "follow_symlinks"}, 2,
                   [](PathArg& p, Object** a) {
                     int64_t mode;
                     if (!int_arg(a[1], &mode)) return static_cast<Object*>(nullptr);
                     return none_or_errno(chmod(p.path.c_str(), static_cast<mode_t>(mode)), p.object.get());
                   });
}

Object* p_access(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("access", args, nargs, kwnames, {"path", "mode", "dir_fd", "effective_ids", "follow_symlinks"}, 2,
                   [](PathArg& p, Object** a) {
                     int64_t mode;
                     if (!int_arg(a[1], &mode)) return static_cast<Object*>(nullptr);
                     return newref(bool_from(access(p.path.c_str(), static_cast<int>(mode)) == 0));
                   });
}

Object* p_readlink(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("readlink", args, nargs, kwnames, {"path", "dir_fd"}, 1, [](PathArg& p, Object**) -> Object* {
    std::vector<char> buf(PATH_MAX + 1);
    ssize_t n = readlink(p.path.c_str(), buf.data(), buf.size());
    if (n < 0) return raise_errno(errno, p.object.get());
    return fs_name(std::string_view(buf.data(), static_cast<size_t>(n)), p.is_bytes);
  });
}

// rename/replace/symlink/link(src, dst).
template <class Call>
Object* two_paths(const char* fname, Args args, size_t nargs, Tuple* kwnames, Call call) {
  Object* a[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"}, 2, a)) {
    return nullptr;
  }
  PathArg src, dst;  // str and bytes may mix, as in CPython on POSIX
  if (!path_arg(fname, "src", a[0], false, &src) || !path_arg(fname, "dst", a[1], false, &dst)) return nullptr;
  return none_or_errno(call(src.path.c_str(), dst.path.c_str()), a[0], a[1]);
}

Object* p_rename(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return two_paths("rename", args, nargs, kwnames, [](const char* s, const char* d) { return rename(s, d); });
}
Object* p_replace(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return two_paths("replace", args, nargs, kwnames, [](const char* s, const char* d) { return rename(s, d); });
}
Object* p_symlink(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return two_paths("symlink", args, nargs, kwnames, [](const char* s, const char* d) { return symlink(s, d); });
}
Object* p_link(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return two_paths("link", args, nargs, kwnames, [](const char* s, const char* d) { return link(s, d); });
}

// utime(path, times=None): times (atime, mtime) in seconds, or now.
Object* p_utime(Object*, Args args, size_t nargs, Tuple* kwnames) {
  return path_call("utime", args, nargs, kwnames, {"path", "times", "ns", "dir_fd", "follow_symlinks"}, 1,
                   [](PathArg& p, Object** a) -> Object* {
                     struct timespec ts[2];
                     struct timespec* tsp = nullptr;
                     if (a[1] && a[1] != kNone) {
                       if (!is_tuple(a[1]) || static_cast<Tuple*>(a[1])->size != 2) {
                         return raise(&TypeError_type, "utime: 'times' must be either a tuple of two ints or None");
                       }
                       for (int i = 0; i < 2; i++) {
                         double v;
                         if (!number_as_double(static_cast<Tuple*>(a[1])->items[i], &v)) return nullptr;
                         ts[i].tv_sec = static_cast<time_t>(v);
                         ts[i].tv_nsec = static_cast<long>((v - static_cast<double>(ts[i].tv_sec)) * 1e9);
                       }
                       tsp = ts;
                     }
                     return none_or_errno(utimensat(AT_FDCWD, p.path.c_str(), tsp, 0), p.object.get());
                   });
}

// os.fspath(path): str and bytes as they are, else __fspath__'s result.
Object* p_fspath(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("fspath", args, nargs, kwnames, {"path"}, 1, a)) return nullptr;
  Object* o = a[0];
  if (is_str(o) || is_bytes(o)) return newref(o);
  if (!type_lookup(o->ob_type, FTPY_ID("__fspath__"))) {
    return raise_fmt(&TypeError_type, "expected str, bytes or os.PathLike object, not %s", type_name(o));
  }
  bool found;
  Ref<> r(call_special(o, FTPY_ID("__fspath__"), nullptr, 0, &found));
  if (!r) return nullptr;
  if (!is_str(r.get()) && !is_bytes(r.get())) {
    return raise_fmt(&TypeError_type, "expected %s.__fspath__() to return str or bytes, not %s", type_name(o),
                     type_name(r.get()));
  }
  return r.release();
}

const MethodDef kPosixFunctions[] = {
    {"stat", p_stat}, {"lstat", p_lstat}, {"fstat", p_fstat},
    {"getcwd", p_getcwd}, {"getcwdb", p_getcwdb}, {"listdir", p_listdir}, {"scandir", posix_scandir},
    {"mkdir", p_mkdir}, {"rmdir", p_rmdir}, {"unlink", p_unlink}, {"remove", p_remove},
    {"rename", p_rename}, {"replace", p_replace}, {"symlink", p_symlink}, {"link", p_link},
    {"readlink", p_readlink}, {"chdir", p_chdir}, {"chmod", p_chmod}, {"access", p_access}, {"utime", p_utime},
    {"fspath", p_fspath},
    {nullptr, nullptr},
};

const IntConstant kConstants[] = {
    {"F_OK", F_OK}, {"R_OK", R_OK}, {"W_OK", W_OK}, {"X_OK", X_OK},
    {"O_RDONLY", O_RDONLY}, {"O_WRONLY", O_WRONLY}, {"O_RDWR", O_RDWR}, {"O_ACCMODE", O_ACCMODE},
    {"O_CREAT", O_CREAT}, {"O_EXCL", O_EXCL}, {"O_TRUNC", O_TRUNC}, {"O_APPEND", O_APPEND},
    {"O_NONBLOCK", O_NONBLOCK}, {"O_NDELAY", O_NDELAY}, {"O_CLOEXEC", O_CLOEXEC}, {"O_DIRECTORY", O_DIRECTORY},
    {"O_NOFOLLOW", O_NOFOLLOW}, {"O_NOCTTY", O_NOCTTY}, {"O_SYNC", O_SYNC}, {"O_DSYNC", O_DSYNC},
    {"O_NOATIME", O_NOATIME}, {"O_PATH", O_PATH}, {"O_TMPFILE", O_TMPFILE},
    {"SEEK_SET", SEEK_SET}, {"SEEK_CUR", SEEK_CUR}, {"SEEK_END", SEEK_END},
    {"WNOHANG", WNOHANG}, {"WUNTRACED", WUNTRACED}, {"EX_OK", EX_OK},
};

}  // namespace

void init_posix_module() {
  g_stat_result = structseq_new_type(
      "stat_result", "os",
      {"st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", nullptr, nullptr, nullptr},
      {"st_atime", "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks",
       "st_rdev"});
  make_immortal(g_stat_result);
  init_scandir_types();
  Module* m = module_new("posix");
  add_functions(m->dict, m, kPosixFunctions);
  add_functions(m->dict, m, kPosixProcessFunctions);
  init_posix_process(m->dict);
  add_int_constants(m->dict, kConstants);
  dict_set_str(m->dict, "error", &OSError_type);
  dict_set_str(m->dict, "stat_result", g_stat_result);
  dict_set_str(m->dict, "DirEntry", &dir_entry_type);
  dict_set_str(m->dict, "_have_functions", Ref<List>(list_new()).get());
  register_module(m);
  decref(m);
}

}  // namespace ftpy
