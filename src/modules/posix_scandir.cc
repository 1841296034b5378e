// os.scandir and os.DirEntry (CPython Modules/posixmodule.c: ScandirIterator,
// DirEntry), which os.walk, shutil and glob iterate. An entry answers
// is_dir/is_file/is_symlink from the directory's d_type where it can, and
// otherwise stats the file once and keeps the result.
//
// Thread-safety: the iterator's DIR* is read under the iterator's critical
// section (readdir on one DIR* is not thread-safe), so threads sharing an
// iterator get each entry once. An entry's cached stat results are
// published under the entry's critical section; two threads that miss the
// cache both stat and the first result is kept.
#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/generic_alias.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "posix_support.h"

namespace ftpy {

Type dir_entry_type, scandir_iterator_type;

namespace {

struct DirEntry : Object {
  Object* name;    // str or bytes, as the scandir argument
  Object* path;
  std::string* c_path;
  unsigned char d_type;
  uint64_t ino;
  Object* stat;    // cached os.stat_result (following links), or nullptr
  Object* lstat;   // cached, not following
};

struct ScandirIter : Object {
  DIR* dir;        // nullptr once exhausted or closed
  std::string* prefix;  // the directory path joined before each name ("" for none)
  bool is_bytes;
};

DirEntry* as_entry(Object* o) { return static_cast<DirEntry*>(o); }

void entry_dealloc(Object* o) {
  DirEntry* e = as_entry(o);
  decref(e->name);
  decref(e->path);
  xdecref(e->stat);
  xdecref(e->lstat);
  delete e->c_path;
  free_object(o);
}

Object* entry_repr(Object* o) {
  std::string r;
  if (!repr_string(as_entry(o)->name, &r)) return nullptr;
  return str_new("<DirEntry " + r + ">");
}

Object* entry_getattr(Object* o, Str* name) {
  std::string_view n = str_view(name);
  if (n == "name") return newref(as_entry(o)->name);
  if (n == "path") return newref(as_entry(o)->path);
  return generic_getattr(o, name);
}

// The entry's stat result (cached), or nullptr with OSError.
Object* entry_stat_result(DirEntry* e, bool follow) {
  {
    ScopedCriticalSection cs(e);
    if (Object* cached = follow ? e->stat : e->lstat) return newref(cached);
  }
  struct stat st;
  int r = follow ? ::stat(e->c_path->c_str(), &st) : ::lstat(e->c_path->c_str(), &st);
  if (r < 0) return raise_errno(errno, e->path);
  Ref<> result(stat_result_from(&st));
  if (!result) return nullptr;
  ScopedCriticalSection cs(e);
  Object*& slot = follow ? e->stat : e->lstat;
  if (!slot) slot = newref(result.get());
  return newref(slot);
}

bool follow_arg(const char* fname, Object* const* args, size_t nargs, Tuple* kwnames, bool* follow) {
  if (nargs > 0) {
    raise_fmt(&TypeError_type, "%s() takes no positional arguments", fname);
    return false;
  }
  Object* a[1] = {nullptr};
  if (!parse_args(fname, args, nargs, kwnames, {"follow_symlinks"}, 0, a)) return false;
  *follow = true;
  if (a[0]) {
    int t = object_is_true(a[0]);
    if (t < 0) return false;
    *follow = t;
  }
  return true;
}

// Whether the entry's file type (from its stat, following links or not)
// is `want_mode`: True/False, False for a file that vanished, nullptr with
// another error.
Object* stat_mode_is(DirEntry* e, bool follow, mode_t want_mode) {
  Ref<> st(entry_stat_result(e, follow));
  if (!st) {
    if (!error_matches(&FileNotFoundError_type)) return nullptr;
    clear_error();
    return newref(kFalse);
  }
  Ref<> mode(object_getattr_cstr(st.get(), "st_mode"));
  int64_t m;
  if (!mode || !int_as_i64(mode.get(), &m)) return nullptr;
  return newref(bool_from((static_cast<mode_t>(m) & S_IFMT) == want_mode));
}

// is_dir/is_file: the d_type unless it is unknown or a link to follow;
// else the stat's mode.
Object* test_mode(Object* self, Object* const* args, size_t nargs, Tuple* kwnames, const char* fname,
                  unsigned char want_type, mode_t want_mode) {
  bool follow;
  if (!follow_arg(fname, args, nargs, kwnames, &follow)) return nullptr;
  DirEntry* e = as_entry(self);
  if (e->d_type != DT_UNKNOWN && !(follow && e->d_type == DT_LNK)) return newref(bool_from(e->d_type == want_type));
  return stat_mode_is(e, follow, want_mode);
}

Object* is_dir_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  return test_mode(self, args, nargs, kwnames, "is_dir", DT_DIR, S_IFDIR);
}

Object* is_file_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  return test_mode(self, args, nargs, kwnames, "is_file", DT_REG, S_IFREG);
}

Object* is_symlink_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("is_symlink", nargs, 0, 0)) return nullptr;
  DirEntry* e = as_entry(self);
  if (e->d_type != DT_UNKNOWN) return newref(bool_from(e->d_type == DT_LNK));
  return stat_mode_is(e, false, S_IFLNK);
}

Object* stat_m(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  bool follow;
  if (!follow_arg("stat", args, nargs, kwnames, &follow)) return nullptr;
  // Only a link (or an entry of unknown type) needs following; for the
  // rest the link-less stat is the same, as in CPython.
  unsigned char type = as_entry(self)->d_type;
  return entry_stat_result(as_entry(self), follow && (type == DT_LNK || type == DT_UNKNOWN));
}

Object* inode_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("inode", nargs, 0, 0)) return nullptr;
  return int_from_i64(static_cast<int64_t>(as_entry(self)->ino));
}

Object* fspath_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__fspath__", nargs, 0, 0)) return nullptr;
  return newref(as_entry(self)->path);
}

const MethodDef kEntryMethods[] = {
    {"is_dir", is_dir_m}, {"is_file", is_file_m}, {"is_symlink", is_symlink_m}, {"stat", stat_m},
    {"inode", inode_m}, {"__fspath__", fspath_m}, {nullptr, nullptr},
};

// ---- the iterator ----

void iter_close(ScandirIter* it) {
  if (it->dir) {
    closedir(it->dir);
    it->dir = nullptr;
  }
}

void scandir_dealloc(Object* o) {
  auto* it = static_cast<ScandirIter*>(o);
  iter_close(it);
  delete it->prefix;
  free_object(o);
}

Object* scandir_next(Object* o) {
  auto* it = static_cast<ScandirIter*>(o);
  ScopedCriticalSection cs(o);
  while (it->dir) {
    errno = 0;
    struct dirent* d = readdir(it->dir);
    if (!d) {
      int err = errno;
      iter_close(it);
      if (err) return raise_errno(err);
      return nullptr;
    }
    if (std::strcmp(d->d_name, ".") == 0 || std::strcmp(d->d_name, "..") == 0) continue;
    auto* e = alloc_object<DirEntry>(&dir_entry_type);
    if (!e) return nullptr;
    e->c_path = new std::string(*it->prefix + d->d_name);
    e->name = fs_name(d->d_name, it->is_bytes);
    e->path = e->name ? fs_name(*e->c_path, it->is_bytes) : nullptr;
    e->d_type = d->d_type;
    e->ino = d->d_ino;
    e->stat = e->lstat = nullptr;
    if (!e->path) {
      if (!e->name) e->name = newref(kNone);
      e->path = newref(kNone);
      decref(e);
      return nullptr;
    }
    return e;
  }
  return nullptr;
}

Object* close_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  ScopedCriticalSection cs(self);
  iter_close(static_cast<ScandirIter*>(self));
  return newref(kNone);
}

Object* enter_m(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("__enter__", nargs, 0, 0)) return nullptr;
  return newref(self);
}

Object* exit_m(Object* self, Object* const*, size_t, Tuple*) {
  ScopedCriticalSection cs(self);
  iter_close(static_cast<ScandirIter*>(self));
  return newref(kFalse);
}

const MethodDef kIterMethods[] = {
    {"close", close_m}, {"__enter__", enter_m}, {"__exit__", exit_m}, {nullptr, nullptr},
};

}  // namespace

// scandir(path='.'): entries' paths are the argument joined with the name.
Object* posix_scandir(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("scandir", args, nargs, kwnames, {"path"}, 0, a)) return nullptr;
  PathArg p;
  if (a[0] && a[0] != kNone) {
    if (!path_arg("scandir", "path", a[0], false, &p, true)) return nullptr;
  } else {
    p.path = ".";
  }
  DIR* dir = opendir(p.path.c_str());
  if (!dir) return raise_errno(errno, a[0] && a[0] != kNone ? a[0] : Ref<>(str_new(".")).get());
  auto* it = alloc_object<ScandirIter>(&scandir_iterator_type);
  if (!it) {
    closedir(dir);
    return nullptr;
  }
  it->dir = dir;
  it->prefix = new std::string(p.path);
  if (!it->prefix->empty() && it->prefix->back() != '/') *it->prefix += '/';
  it->is_bytes = p.is_bytes;
  return it;
}

void init_scandir_types() {
  dir_entry_type.name = "posix.DirEntry";
  dir_entry_type.dealloc = entry_dealloc;
  dir_entry_type.repr = entry_repr;
  dir_entry_type.getattr = entry_getattr;
  init_static_type(&dir_entry_type);
  add_methods(&dir_entry_type, kEntryMethods);
  add_native_attrs(&dir_entry_type, {}, {"name", "path"});
  add_class_getitem(&dir_entry_type);
  init_iterator_type(&scandir_iterator_type, "posix.ScandirIterator", scandir_next, scandir_dealloc);
  add_methods(&scandir_iterator_type, kIterMethods);
}

}  // namespace ftpy
