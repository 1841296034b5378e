// _io.FileIO: raw, unbuffered I/O on a file descriptor (CPython
// Modules/_io/fileio.c).
//
// Threading: the descriptor is an atomic; close() swaps in -1 first, so two
// closes close it once. The other fields are set by __init__ before the
// object is shared. Each system call runs detached (DetachMode::kBlocking):
// a read from a pipe or a terminal lets every other thread run, and the
// GIL build releases its GIL. A read racing a close of the same object may
// see EBADF, as in CPython.
#include <cerrno>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/detach.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/memoryview.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "io_internal.h"
#include "posix_support.h"

namespace ftpy {

Type fileio_type;

namespace io {

namespace {

using Args = Object* const*;

struct FileIO : IOObject {
  std::atomic<int> fd;
  bool created, readable, writable, appending, closefd;
  int8_t seekable;  // -1: not yet known
  int64_t blksize;
};

FileIO* as_file(Object* o) { return static_cast<FileIO*>(o); }

int fd_of(Object* o) { return as_file(o)->fd.load(std::memory_order_acquire); }

const char* mode_string(const FileIO* f) {
  if (f->created) return f->readable ? "xb+" : "xb";
  if (f->appending) return f->readable ? "ab+" : "ab";
  if (f->readable) return f->writable ? "rb+" : "rb";
  return "wb";
}

bool check_open(Object* self) {
  if (fd_of(self) < 0) {
    closed_file_error();
    return false;
  }
  return true;
}

bool check_mode(Object* self, bool reading) {
  if (!check_open(self)) return false;
  FileIO* f = as_file(self);
  if (reading ? !f->readable : !f->writable) {
    unsupported(reading ? "File not open for reading" : "File not open for writing");
    return false;
  }
  return true;
}

// Parses a FileIO mode ("r", "wb", "a+", "xb"...): CPython's checks and messages.
bool parse_mode(FileIO* f, std::string_view mode, int* flags) {
  bool rwa = false, plus = false;
  *flags = 0;
  for (char c : mode) {
    switch (c) {
      case 'x':
      case 'r':
      case 'w':
      case 'a':
        if (rwa) goto bad_mode;
        rwa = true;
        if (c == 'x') {
          f->created = f->writable = true;
          *flags |= O_EXCL | O_CREAT;
        } else if (c == 'r') {
          f->readable = true;
        } else if (c == 'w') {
          f->writable = true;
          *flags |= O_CREAT | O_TRUNC;
        } else {
          f->writable = f->appending = true;
          *flags |= O_APPEND | O_CREAT;
        }
        break;
      case 'b':
        break;
      case '+':
        if (plus) goto bad_mode;
        f->readable = f->writable = true;
        plus = true;
        break;
      default:
        raise_fmt(&ValueError_type, "invalid mode: %s", mode);
        return false;
    }
  }
  if (!rwa) goto bad_mode;
  *flags |= f->readable && f->writable ? O_RDWR : f->readable ? O_RDONLY : O_WRONLY;
  *flags |= O_CLOEXEC;
  return true;
bad_mode:
  raise(&ValueError_type, "Must have exactly one of create/read/write/append mode and at most one plus");
  return false;
}

// FileIO.__init__ (CPython's _io_FileIO___init___impl).
bool fileio_init(Object* self, Object* file, std::string_view mode, bool closefd, Object* opener) {
  FileIO* f = as_file(self);
  if (int old = f->fd.exchange(-1); old >= 0 && f->closefd) ::close(old);  // __init__ called again
  f->created = f->readable = f->writable = f->appending = false;
  f->seekable = -1;
  f->blksize = kDefaultBufferSize;
  f->closefd = true;
  int fd = -1;
  if (is_int(file)) {
    int64_t v;
    if (!int_as_i64(file, &v)) return false;
    if (v < 0) {
      raise(&ValueError_type, "negative file descriptor");
      return false;
    }
    if (v > INT_MAX) {
      raise(&OverflowError_type, "signed integer is greater than maximum");
      return false;
    }
    fd = static_cast<int>(v);
  }
  int flags;
  if (!parse_mode(f, mode, &flags)) return false;
  if (fd >= 0) {
    f->closefd = closefd;
  } else {
    if (!closefd) {
      raise(&ValueError_type, "Cannot use closefd=False with file name");
      return false;
    }
    PathArg path;
    if (!is_str(file) && !is_bytes(file) && !type_lookup(file->ob_type, FTPY_ID("__fspath__"))) {
      raise_fmt(&TypeError_type, "expected str, bytes or os.PathLike object, not %s", type_name(file));
      return false;
    }
    if (!path_arg("open", "file", file, false, &path)) return false;
    if (opener && opener != kNone) {
      Ref<> flag_obj(int_from_i64(flags));
      Object* args[] = {file, flag_obj.get()};
      Ref<> r(object_call(opener, args, 2, nullptr));
      if (!r) return false;
      if (!is_int(r.get())) {
        raise(&TypeError_type, "expected integer from opener");
        return false;
      }
      int64_t v;
      if (!int_as_i64(r.get(), &v)) return false;
      if (v < 0) {
        raise_fmt(&ValueError_type, "opener returned %d", v);
        return false;
      }
      fd = static_cast<int>(v);
    } else {
      int err = 0;
      {
        DetachScope blocking(DetachMode::kBlocking);
        do {
          fd = ::open(path.path.c_str(), flags, 0666);
        } while (fd < 0 && (err = errno) == EINTR);
      }
      if (fd < 0) {
        raise_errno(err, file);
        return false;
      }
    }
  }
  f->fd.store(fd, std::memory_order_release);
  struct stat st;
  if (fstat(fd, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      if (f->closefd) ::close(fd);
      f->fd.store(-1, std::memory_order_release);
      raise_errno(EISDIR, file);
      return false;
    }
    if (st.st_blksize > 1) f->blksize = st.st_blksize;
  } else if (errno == EBADF) {
    f->fd.store(-1, std::memory_order_release);
    raise_errno(EBADF);
    return false;
  }
  if (io_setattr(self, FTPY_ID("name"), file) < 0) return false;
  if (f->appending) ::lseek(fd, 0, SEEK_END);  // tell() then reports the end, as in CPython
  return true;
}

bool parse_init_args(const char* fname, Args args, size_t nargs, Tuple* kwnames, Object** slots,
                     std::string* mode, bool* closefd) {
  if (!parse_args(fname, args, nargs, kwnames, {"file", "mode", "closefd", "opener"}, 1, slots)) return false;
  *mode = "r";
  if (slots[1]) {
    if (!is_str(slots[1])) {
      raise_fmt(&TypeError_type, "FileIO() argument 'mode' must be str, not %s", type_name(slots[1]));
      return false;
    }
    *mode = std::string(str_view(slots[1]));
  }
  *closefd = true;
  if (slots[2]) {
    int t = object_is_true(slots[2]);
    if (t < 0) return false;
    *closefd = t;
  }
  return true;
}

Object* fileio_construct(Type* type, Args args, size_t nargs, Tuple* kwnames) {
  Ref<> self(io_alloc(type, sizeof(FileIO)));
  if (!self) return nullptr;
  as_file(self.get())->fd.store(-1);
  as_file(self.get())->seekable = -1;
  if (is_heap_type(type)) return self.release();  // __init__ opens
  Object* slots[4] = {};
  std::string mode;
  bool closefd;
  if (!parse_init_args("FileIO", args, nargs, kwnames, slots, &mode, &closefd)) return nullptr;
  if (!fileio_init(self.get(), slots[0], mode, closefd, slots[3])) return nullptr;
  return self.release();
}

Object* fileio_init_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[4] = {};
  std::string mode;
  bool closefd;
  if (!parse_init_args("FileIO", args, nargs, kwnames, slots, &mode, &closefd)) return nullptr;
  return fileio_init(self, slots[0], mode, closefd, slots[3]) ? newref(kNone) : nullptr;
}

// Runs one read or write system call detached, retrying after EINTR once
// pending signals have run (PEP 475): the count, -1 with an exception, or
// -2 for EAGAIN (a non-blocking descriptor: None).
template <class Call>
int64_t syscall_retrying(Call call) {
  int err;
  ssize_t r = call_retrying_eintr(call, &err);
  if (r >= 0 || err == 0) return r;
  if (err == EAGAIN) return -2;
  raise_errno(err);
  return -1;
}

int64_t read_retrying(int fd, char* buf, int64_t n) {
  return syscall_retrying([&] { return ::read(fd, buf, static_cast<size_t>(n)); });
}

Object* fileio_read_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("read", args, nargs, kwnames, {"size"}, 0, &slot)) return nullptr;
  int64_t size;
  if (!parse_size(slot, &size) || !check_mode(self, true)) return nullptr;
  if (size < 0) return call_method(self, "readall", nullptr, 0);
  Bytes* buf = bytes_new_uninit(size);
  if (!buf) return nullptr;
  int64_t n = read_retrying(fd_of(self), buf->data, size);
  if (n < 0) {
    decref(buf);
    return n == -2 ? newref(kNone) : nullptr;
  }
  return bytes_finish(buf, n);
}

Object* fileio_readall_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("readall", nargs, 0, 0) || !check_mode(self, true)) return nullptr;
  int fd = fd_of(self);
  // Sized from the file's remaining length where it has one (a regular file).
  int64_t want = kDefaultBufferSize;
  struct stat st;
  off_t pos = ::lseek(fd, 0, SEEK_CUR);
  if (pos >= 0 && fstat(fd, &st) == 0 && st.st_size >= pos && st.st_size - pos + 1 > want) {
    want = st.st_size - pos + 1;
  }
  // The common case, a regular file read to its end, is one read into the
  // result; past that, chunks are gathered and joined.
  Bytes* first = bytes_new_uninit(want);
  if (!first) return nullptr;
  int64_t n = read_retrying(fd, first->data, want);
  if (n < 0) {
    decref(first);
    return n == -2 ? newref(kNone) : nullptr;
  }
  if (n == 0) return bytes_finish(first, 0);
  std::string all;
  if (n < want) {
    // Short: most likely the end; one more read tells.
    char extra[8192];
    int64_t m = read_retrying(fd, extra, sizeof(extra));
    if (m == 0 || m == -2) return bytes_finish(first, n);
    if (m < 0) {
      decref(first);
      return nullptr;
    }
    all.assign(first->data, static_cast<size_t>(n));
    all.append(extra, static_cast<size_t>(m));
  } else {
    all.assign(first->data, static_cast<size_t>(n));
  }
  decref(first);
  for (;;) {
    size_t used = all.size();
    if (want < (int64_t{1} << 24)) want *= 2;
    all.resize(used + static_cast<size_t>(want));
    int64_t got = read_retrying(fd, all.data() + used, want);
    if (got == -2) {
      all.resize(used);
      break;
    }
    if (got < 0) return nullptr;
    all.resize(used + static_cast<size_t>(got));
    if (got == 0) break;
  }
  return bytes_new(all);
}

Object* fileio_readinto_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("readinto", kwnames) || !check_nargs("readinto", nargs, 1, 1)) return nullptr;
  if (!check_mode(self, true)) return nullptr;
  Ref<> view;
  char* data;
  int64_t size;
  if (!writable_buffer(args[0], "readinto() argument", &view, &data, &size)) return nullptr;
  int64_t n = read_retrying(fd_of(self), data, size);
  if (n == -2) return newref(kNone);
  return n < 0 ? nullptr : int_from_i64(n);
}

Object* fileio_write_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("write", kwnames) || !check_nargs("write", nargs, 1, 1)) return nullptr;
  if (!check_mode(self, false)) return nullptr;
  ByteData data;
  if (!data.init(args[0], "write")) return nullptr;
  int64_t n = fileio_raw_write(self, data.view().data(), static_cast<int64_t>(data.view().size()));
  if (n == -2) return newref(kNone);
  return n < 0 ? nullptr : int_from_i64(n);
}

Object* fileio_seek_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slots[2] = {};
  if (!parse_args("seek", args, nargs, kwnames, {"pos", "whence"}, 1, slots)) return nullptr;
  if (!check_open(self)) return nullptr;
  if (is_instance(slots[0], &float_type)) return raise(&TypeError_type, "an integer is required");
  int64_t pos, whence = 0;
  if (!parse_offset(slots[0], &pos) || (slots[1] && !parse_offset(slots[1], &whence))) return nullptr;
  off_t r = ::lseek(fd_of(self), static_cast<off_t>(pos), static_cast<int>(whence));
  if (r < 0) return raise_errno(errno);
  as_file(self)->seekable = 1;
  return int_from_i64(r);
}

Object* fileio_tell_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("tell", nargs, 0, 0) || !check_open(self)) return nullptr;
  off_t r = ::lseek(fd_of(self), 0, SEEK_CUR);
  return r < 0 ? raise_errno(errno) : int_from_i64(r);
}

Object* fileio_truncate_m(Object* self, Args args, size_t nargs, Tuple* kwnames) {
  Object* slot = nullptr;
  if (!parse_args("truncate", args, nargs, kwnames, {"size"}, 0, &slot)) return nullptr;
  if (!check_mode(self, false)) return nullptr;
  int fd = fd_of(self);
  int64_t size;
  if (!slot || slot == kNone) {
    off_t r = ::lseek(fd, 0, SEEK_CUR);
    if (r < 0) return raise_errno(errno);
    size = r;
  } else if (!parse_offset(slot, &size)) {
    return nullptr;
  }
  if (::ftruncate(fd, static_cast<off_t>(size)) < 0) return raise_errno(errno);
  return int_from_i64(size);
}

Object* fileio_seekable_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("seekable", nargs, 0, 0) || !check_open(self)) return nullptr;
  FileIO* f = as_file(self);
  if (f->seekable < 0) f->seekable = ::lseek(fd_of(self), 0, SEEK_CUR) >= 0 ? 1 : 0;
  return newref(bool_from(f->seekable == 1));
}

Object* fileio_readable_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("readable", nargs, 0, 0) || !check_open(self)) return nullptr;
  return newref(bool_from(as_file(self)->readable));
}

Object* fileio_writable_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("writable", nargs, 0, 0) || !check_open(self)) return nullptr;
  return newref(bool_from(as_file(self)->writable));
}

Object* fileio_fileno_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("fileno", nargs, 0, 0) || !check_open(self)) return nullptr;
  return int_from_i64(fd_of(self));
}

Object* fileio_isatty_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("isatty", nargs, 0, 0) || !check_open(self)) return nullptr;
  return newref(bool_from(::isatty(fd_of(self)) == 1));
}

// close(): _RawIOBase's close (which flushes), then the descriptor, once.
// CPython's fileio_dealloc_warn: a file left open when its object dies
// is a ResourceWarning ("unclosed file <repr of source>"), shown only when
// the filters ask (-X dev, -W); if the warning becomes an error, it is
// unraisable. The caller's pending exception is kept.
void dealloc_warn(Object* self, Object* source) {
  FileIO* f = as_file(self);
  if (fd_of(self) < 0 || !f->closefd) return;
  Object* saved = fetch_error();
  std::string repr;
  if (repr_string(source, &repr) && !warn(&ResourceWarning_type, "unclosed file " + repr, 1)) {
    if (error_matches(&Warning_type)) write_unraisable(self);
  }
  clear_error();
  restore_error(saved);
}

Object* fileio_dealloc_warn_m(Object* self, Args args, size_t nargs, Tuple*) {
  if (!check_nargs("_dealloc_warn", nargs, 1, 1)) return nullptr;
  dealloc_warn(self, args[0]);
  return newref(kNone);
}

Object* fileio_close_m(Object* self, Args, size_t nargs, Tuple*) {
  if (!check_nargs("close", nargs, 0, 0)) return nullptr;
  if (io_finalizing(self)) dealloc_warn(self, self);
  Ref<> r(iobase_close(self));
  FileIO* f = as_file(self);
  int fd = f->fd.exchange(-1, std::memory_order_acq_rel);
  if (fd >= 0 && f->closefd && ::close(fd) < 0 && errno != EINTR) {
    int err = errno;
    if (r) return raise_errno(err);
  }
  return r.release();
}

void fileio_release(Object* o) {
  FileIO* f = as_file(o);
  int fd = f->fd.exchange(-1, std::memory_order_acq_rel);
  if (fd >= 0 && f->closefd) ::close(fd);  // the finalizer's close() failed or was overridden
  release_iobase(o);
}

Object* fileio_repr(Object* self) {
  FileIO* f = as_file(self);
  if (fd_of(self) < 0) return str_new("<_io.FileIO [closed]>");
  std::string out = "<_io.FileIO ";
  Ref<> name;
  if (Dict* d = instance_dict(self)) name = Ref<>(dict_get_str_ref(d, FTPY_ID("name")));
  if (name) {
    std::string r;
    if (!repr_string(name.get(), &r)) return nullptr;
    out += "name=" + r;
  } else {
    out += "fd=" + std::to_string(fd_of(self));
  }
  out += std::string(" mode='") + mode_string(f) + "' closefd=" + (f->closefd ? "True" : "False") + ">";
  return str_new(out);
}

Object* fileio_getattr(Object* o, Str* name) {
  FileIO* f = as_file(o);
  if (name == FTPY_ID("closed")) return newref(bool_from(fd_of(o) < 0));
  if (name == FTPY_ID("closefd")) return newref(bool_from(f->closefd));
  if (name == FTPY_ID("mode")) return str_new(mode_string(f));
  if (name == FTPY_ID("_blksize")) return int_from_i64(f->blksize);
  if (name == FTPY_ID("_finalizing")) return newref(bool_from(io_finalizing(o)));
  return io_getattr(o, name);
}

const MethodDef kFileIOMethods[] = {
    {"_dealloc_warn", fileio_dealloc_warn_m},
    {"__init__", fileio_init_m},
    {"read", fileio_read_m},
    {"readall", fileio_readall_m},
    {"readinto", fileio_readinto_m},
    {"write", fileio_write_m},
    {"seek", fileio_seek_m},
    {"tell", fileio_tell_m},
    {"truncate", fileio_truncate_m},
    {"close", fileio_close_m},
    {"seekable", fileio_seekable_m},
    {"readable", fileio_readable_m},
    {"writable", fileio_writable_m},
    {"fileno", fileio_fileno_m},
    {"isatty", fileio_isatty_m},
    {nullptr, nullptr},
};

}  // namespace

bool is_exact_fileio(Object* raw) { return raw->ob_type == &fileio_type; }

int64_t fileio_raw_read(Object* raw, char* buf, int64_t n) {
  if (!check_mode(raw, true)) return -1;
  return read_retrying(fd_of(raw), buf, n);
}

int64_t fileio_raw_write(Object* raw, const char* data, int64_t n) {
  if (!check_mode(raw, false)) return -1;
  int fd = fd_of(raw);
  return syscall_retrying([&] { return ::write(fd, data, static_cast<size_t>(n)); });
}

Object* fileio_open(Object* file, std::string_view mode, bool closefd, Object* opener) {
  Ref<> self(io_alloc(&fileio_type, sizeof(FileIO)));
  if (!self) return nullptr;
  as_file(self.get())->fd.store(-1);
  if (!fileio_init(self.get(), file, mode, closefd, opener)) return nullptr;
  return self.release();
}

Object* fileio_from_fd(int fd, std::string_view mode, bool closefd) {
  Ref<> fd_obj(int_from_i64(fd));
  return fileio_open(fd_obj.get(), mode, closefd, nullptr);
}

void init_fileio_type() {
  init_io_type(&fileio_type, "_io.FileIO", &rawiobase_type, sizeof(FileIO), fileio_release, fileio_getattr);
  fileio_type.new_ = fileio_construct;
  fileio_type.repr = fileio_repr;
  fileio_type.doc = "Open a file.";
  add_methods(&fileio_type, kFileIOMethods);
  add_native_attrs(&fileio_type, {"closed", "closefd", "mode"}, {"_blksize", "_finalizing"});
}

}  // namespace io

}  // namespace ftpy
