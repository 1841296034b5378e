// The _io module: open(), open_code(), text_encoding(), the classes
// (their files are listed in io_internal.h), io.UnsupportedOperation, and
// the standard streams sys.stdin, sys.stdout and sys.stderr (CPython
// Modules/_io/_iomodule.c and Python/pylifecycle.c's create_stdio).
//
// CPython's io.py imports everything from here and adds the abstract base
// classes; open() is builtins.open.
#include <cstdlib>
#include <string>
#include <vector>
#include <unistd.h>

#include "absl/container/flat_hash_set.h"
#include "ftpy/runtime.h"
#include "ftpy/bytes.h"
#include "ftpy/class.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/float.h"
#include "ftpy/int.h"
#include "ftpy/module.h"
#include "ftpy/namespaces.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/tuple.h"
#include "io_internal.h"
#include "module_init.h"

namespace ftpy {

namespace io {

namespace {

struct WriterRegistry {
  SysMutex mu;
  absl::flat_hash_set<Object*> writers ABSL_GUARDED_BY(mu);
};

WriterRegistry& writer_registry() {
  static WriterRegistry* r = new WriterRegistry();
  return *r;
}

}  // namespace

void register_writer(Object* o) {
  WriterRegistry& r = writer_registry();
  SysMutexLock lock(&r.mu);
  r.writers.insert(o);
}

void unregister_writer(Object* o) {
  WriterRegistry& r = writer_registry();
  SysMutexLock lock(&r.mu);
  r.writers.erase(o);
}

namespace {

using Args = Object* const*;

struct OpenMode {
  bool creating = false, reading = false, writing = false, appending = false, updating = false, text = false,
       binary = false;
};

bool parse_open_mode(Object* mode_obj, std::string_view mode, OpenMode* m) {
  std::string seen;
  for (char c : mode) {
    if (std::string_view("xrwabt+").find(c) == std::string_view::npos || seen.find(c) != std::string::npos) {
      std::string r;
      if (!repr_string(mode_obj, &r)) return false;
      raise_fmt(&ValueError_type, "invalid mode: %s", r);
      return false;
    }
    seen.push_back(c);
    switch (c) {
      case 'x': m->creating = true; break;
      case 'r': m->reading = true; break;
      case 'w': m->writing = true; break;
      case 'a': m->appending = true; break;
      case '+': m->updating = true; break;
      case 't': m->text = true; break;
      case 'b': m->binary = true; break;
      default: break;
    }
  }
  if (m->text && m->binary) {
    raise(&ValueError_type, "can't have text and binary mode at once");
    return false;
  }
  // None at all is FileIO's error, which it reports in its own words.
  if (m->creating + m->reading + m->writing + m->appending > 1) {
    raise(&ValueError_type, "must have exactly one of create/read/write/append mode");
    return false;
  }
  return true;
}

// open() (CPython's _io_open_impl).
Object* io_open(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* s[8] = {};
  if (!parse_args("open", args, nargs, kwnames,
                  {"file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"}, 1, s)) {
    return nullptr;
  }
  Object* file = s[0];
  Ref<> mode_obj(s[1] ? newref(s[1]) : str_new("r"));
  if (!is_str(mode_obj.get())) {
    return raise_fmt(&TypeError_type, "open() argument 'mode' must be str, not %s", type_name(mode_obj.get()));
  }
  int64_t buffering = -1;
  if (s[2] && !parse_offset(s[2], &buffering)) return nullptr;
  for (int i = 3; i <= 5; i++) {
    if (s[i] && s[i] != kNone && !is_str(s[i])) {
      static const char* names[] = {"", "", "", "encoding", "errors", "newline"};
      return raise_fmt(&TypeError_type, "open() argument '%s' must be str or None, not %s", names[i], type_name(s[i]));
    }
  }
  bool closefd = true;
  if (s[6]) {
    int t = object_is_true(s[6]);
    if (t < 0) return nullptr;
    closefd = t;
  }
  if (!is_int(file) && !is_str(file) && !is_bytes(file) && !type_lookup(file->ob_type, FTPY_ID("__fspath__"))) {
    return raise_fmt(&TypeError_type, "expected str, bytes or os.PathLike object, not %s", type_name(file));
  }
  OpenMode m;
  if (!parse_open_mode(mode_obj.get(), str_view(mode_obj.get()), &m)) return nullptr;
  bool has = [](Object* o) { return o && o != kNone; }(s[3]);
  if (m.binary && has) return raise(&ValueError_type, "binary mode doesn't take an encoding argument");
  if (m.binary && s[4] && s[4] != kNone) return raise(&ValueError_type, "binary mode doesn't take an errors argument");
  if (m.binary && s[5] && s[5] != kNone) return raise(&ValueError_type, "binary mode doesn't take a newline argument");
  std::string rawmode = m.creating ? "x" : m.reading ? "r" : m.writing ? "w" : m.appending ? "a" : "";
  if (m.updating) rawmode += "+";
  Ref<> raw(fileio_open(file, rawmode, closefd, s[7]));
  if (!raw) return nullptr;
  Ref<> result = raw;
  auto fail = [&]() -> Object* {
    Object* exc = fetch_error();
    Ref<> r(call_method(result.get(), "close", nullptr, 0));
    if (!r) clear_error();
    restore_error(exc);
    return nullptr;
  };
  bool line_buffering = false;
  if (buffering == 1 || buffering < 0) {
    int tty = call_bool_method(raw.get(), "isatty");
    if (tty < 0) return fail();
    if (buffering == 1 || tty) {
      buffering = -1;
      line_buffering = true;
    }
  }
  if (buffering < 0) {
    Ref<> blk(object_getattr(raw.get(), FTPY_ID("_blksize")));
    if (!blk || !int_as_i64(blk.get(), &buffering)) return fail();
    if (buffering <= 1) buffering = kDefaultBufferSize;
  }
  if (buffering == 0) {
    if (m.binary) return result.release();
    raise(&ValueError_type, "can't have unbuffered text I/O");
    return fail();
  }
  Type* kind = m.updating ? &buffered_random_type
               : (m.creating || m.writing || m.appending) ? &buffered_writer_type
                                                          : &buffered_reader_type;
  Ref<> size(int_from_i64(buffering));
  Object* bargs[] = {raw.get(), size.get()};
  Ref<> buffer(object_call(kind, bargs, 2, nullptr));
  if (!buffer) return fail();
  result = buffer;
  if (m.binary) return result.release();
  Ref<> text(textio_new(buffer.get(), s[3], s[4], s[5], line_buffering, false));
  if (!text) return fail();
  result = text;
  if (io_setattr(text.get(), FTPY_ID("mode"), mode_obj.get()) < 0) return fail();
  return result.release();
}

Object* io_open_code(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* path = nullptr;
  if (!parse_args("open_code", args, nargs, kwnames, {"path"}, 1, &path)) return nullptr;
  if (!is_str(path)) return raise_fmt(&TypeError_type, "open_code() argument 'path' must be str, not %s", type_name(path));
  Ref<> mode(str_new("rb"));
  Object* call_args[] = {path, mode.get()};
  return io_open(nullptr, call_args, 2, nullptr);
}

// text_encoding(encoding, stacklevel=2): "locale" for None, as CPython
// outside its UTF-8 mode (ftpy's locale encoding is UTF-8).
Object* io_text_encoding(Object*, Args args, size_t nargs, Tuple* kwnames) {
  Object* s[2] = {};
  if (!parse_args("text_encoding", args, nargs, kwnames, {"encoding", "stacklevel"}, 1, s)) return nullptr;
  if (s[0] != kNone) return newref(s[0]);
  return str_new("locale");
}

const MethodDef kFunctions[] = {
    {"open", io_open},
    {"open_code", io_open_code},
    {"text_encoding", io_text_encoding},
    {nullptr, nullptr},
};

// One standard stream (CPython's create_stdio): FileIO over the descriptor
// (not closed with the stream), buffered, and a TextIOWrapper in UTF-8 with
// '\n' line endings, line-buffered on a terminal (stderr always). Errors
// are surrogateescape for stdin and stdout, as CPython's in the C and
// C.UTF-8 locales, and backslashreplace for stderr. With PYTHONUNBUFFERED
// set (python3 -u), the writers have no buffer: text goes through to the
// FileIO at once.
Object* make_std_stream(int fd, bool write, const char* name, const char* errors) {
  Ref<> raw(fileio_from_fd(fd, write ? "wb" : "rb", false));
  if (!raw) return nullptr;
  Ref<> name_obj(str_new(name));
  if (io_setattr(raw.get(), FTPY_ID("name"), name_obj.get()) < 0) return nullptr;
  bool unbuffered = write && unbuffered_stdio();
  Ref<> buffer = raw;
  if (!unbuffered) {
    Object* bargs[] = {raw.get()};
    buffer = Ref<>(object_call(write ? &buffered_writer_type : &buffered_reader_type, bargs, 1, nullptr));
    if (!buffer) return nullptr;
  }
  bool line_buffering = write && !unbuffered && (fd == 2 || ::isatty(fd) == 1);
  Ref<> encoding(str_new("utf-8")), errs(str_new(errors)), newline(str_new("\n"));
  Ref<> text(textio_new(buffer.get(), encoding.get(), errs.get(), newline.get(), line_buffering, unbuffered));
  if (!text) return nullptr;
  Ref<> mode(str_new(write ? "w" : "r"));
  if (io_setattr(text.get(), FTPY_ID("mode"), mode.get()) < 0) return nullptr;
  return text.release();
}

}  // namespace

}  // namespace io

void init_io_module() {
  using namespace io;
  init_io_base_types();
  init_fileio_type();
  init_bytesio_type();
  init_stringio_type();
  init_buffered_types();
  init_rwpair_type();
  init_textio_type();
  init_newline_decoder_type();
  // io.UnsupportedOperation(OSError, ValueError), made as the class
  // statement in CPython's _iomodule.c makes it.
  Ref<Tuple> bases(tuple_pack({&OSError_type, &ValueError_type}));
  Ref<Dict> ns(dict_new());
  Ref<> module_name(str_new("io"));
  dict_set_str(ns.get(), "__module__", module_name.get());
  Ref<> name(str_new("UnsupportedOperation"));
  Object* targs[] = {name.get(), bases.get(), ns.get()};
  g_unsupported_operation = static_cast<Type*>(type_new(&type_type, targs, 3, nullptr));
  make_immortal(g_unsupported_operation);
  Module* m = module_new("_io");
  add_functions(m->dict, m, kFunctions);
  Ref<> size(int_from_i64(kDefaultBufferSize));
  dict_set_str(m->dict, "DEFAULT_BUFFER_SIZE", size.get());
  dict_set_str(m->dict, "UnsupportedOperation", g_unsupported_operation);
  dict_set_str(m->dict, "BlockingIOError", &BlockingIOError_type);
  struct Named {
    const char* name;
    Type* type;
  };
  for (Named n : {Named{"_IOBase", &iobase_type}, Named{"_RawIOBase", &rawiobase_type},
                  Named{"_BufferedIOBase", &bufferediobase_type}, Named{"_TextIOBase", &textiobase_type},
                  Named{"FileIO", &fileio_type}, Named{"BytesIO", &bytesio_type}, Named{"StringIO", &stringio_type},
                  Named{"BufferedReader", &buffered_reader_type}, Named{"BufferedWriter", &buffered_writer_type},
                  Named{"BufferedRandom", &buffered_random_type}, Named{"BufferedRWPair", &buffered_rwpair_type},
                  Named{"TextIOWrapper", &textiowrapper_type},
                  Named{"IncrementalNewlineDecoder", &newline_decoder_type}}) {
    dict_set_str(m->dict, n.name, n.type);
  }
  // builtins.open is _io.open.
  Ref<> open_fn(dict_get_str_ref(m->dict, FTPY_ID("open")));
  dict_set_str(builtins_dict(), "open", open_fn.get());
  register_module(m);
  decref(m);
}

void io_flush_at_exit() {
  using namespace io;
  // References to every writer still alive (one being freed right now by
  // another thread fails try_incref; its own finalizer flushes it). Text
  // wrappers first: they pass their text to the buffered writers below.
  std::vector<Ref<>> text, binary;
  {
    WriterRegistry& r = writer_registry();
    SysMutexLock lock(&r.mu);
    for (Object* o : r.writers) {
      if (!try_incref(o)) continue;
      (is_instance(o, &textiowrapper_type) ? text : binary).emplace_back(o);
    }
  }
  Object* saved = fetch_error();
  for (auto* group : {&text, &binary}) {
    for (Ref<>& o : *group) {
      int closed = read_closed(o.get());
      if (closed == 0) {
        Ref<> r(call_method(o.get(), "flush", nullptr, 0));
        if (!r) clear_error();
      } else if (closed < 0) {
        clear_error();
      }
    }
  }
  restore_error(saved);
}

bool init_std_streams() {
  using namespace io;
  Ref<> in(make_std_stream(0, false, "<stdin>", "surrogateescape"));
  Ref<> out(make_std_stream(1, true, "<stdout>", "surrogateescape"));
  Ref<> err(make_std_stream(2, true, "<stderr>", "backslashreplace"));
  if (!in || !out || !err) return false;
  sys_set_std_streams(in.get(), out.get(), err.get());
  return true;
}

}  // namespace ftpy
