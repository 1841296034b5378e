// sys: argv, path, modules, exit, recursion limit, the standard streams.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "ftpy/runtime.h"
#include "ftpy/sys.h"

#include "ftpy/critical_section.h"
#include "ftpy/detach.h"
#include "ftpy/config.h"
#include "ftpy/dict.h"
#include "ftpy/frame.h"
#include "ftpy/errors.h"
#include "ftpy/gc.h"
#include "ftpy/float.h"
#include "ftpy/gil.h"
#include "ftpy/exceptions.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/namespaces.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/pyhash.h"
#include "ftpy/class.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "sys_attrs.h"

namespace ftpy {

namespace {

Type stream_type;
Module* g_sys = nullptr;

// A text stream over a C FILE* (sys.stdout, sys.stderr).
struct Stream : Object {
  FILE* fp;
};

Object* stream_write_method(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("write", kwnames) || !check_nargs("write", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise_fmt(&TypeError_type, "write() argument must be str, not %s", type_name(args[0]));
  std::string_view s = str_view(args[0]);
  std::fwrite(s.data(), 1, s.size(), static_cast<Stream*>(self)->fp);
  return int_from_i64(static_cast<Str*>(args[0])->length);
}

Object* stream_flush_method(Object* self, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("flush", nargs, 0, 0)) return nullptr;
  FILE* fp = static_cast<Stream*>(self)->fp;
  DetachScope blocking(DetachMode::kBlocking);  // may wait on a pipe: let other threads run
  std::fflush(fp);
  return newref(kNone);
}

const MethodDef kStreamMethods[] = {
    {"write", stream_write_method},
    {"flush", stream_flush_method},
    {nullptr, nullptr},
};

// sys.stdout while a test captures output.
Type capture_type;
struct CaptureStream : Object {
  std::string* text;
};

Object* capture_write(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("write", kwnames) || !check_nargs("write", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise_fmt(&TypeError_type, "write() argument must be str, not %s", type_name(args[0]));
  static_cast<CaptureStream*>(self)->text->append(str_view(args[0]));
  return int_from_i64(static_cast<Str*>(args[0])->length);
}

Object* capture_flush(Object*, Object* const*, size_t, Tuple*) { return newref(kNone); }

const MethodDef kCaptureMethods[] = {
    {"write", capture_write},
    {"flush", capture_flush},
    {nullptr, nullptr},
};

void capture_dealloc(Object* o) {
  delete static_cast<CaptureStream*>(o)->text;
  free_object(o);
}

Object* make_stream(FILE* fp) {
  auto* s = alloc_object<Stream>(&stream_type);
  s->fp = fp;
  make_immortal(s);
  return s;
}

Object* sys_exit(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("exit", kwnames) || !check_nargs("exit", nargs, 0, 1)) return nullptr;
  Ref<Tuple> t(nargs ? tuple_pack({args[0]}) : tuple_empty());
  raise_object(exception_new(&SystemExit_type, t.get()));
  return nullptr;
}

Object* sys_getrecursionlimit(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("getrecursionlimit", nargs, 0, 0)) return nullptr;
  return int_from_i64(g_recursion_limit.load());
}

Object* sys_setrecursionlimit(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("setrecursionlimit", nargs, 1, 1)) return nullptr;
  if (!is_int(args[0])) return raise(&TypeError_type, "an integer is required");
  int64_t limit;
  if (!int_as_i64(args[0], &limit)) return nullptr;
  if (limit < 1) return raise(&ValueError_type, "recursion limit must be greater or equal than 1");
  if (limit > INT32_MAX) return raise(&OverflowError_type, "Python int too large to convert to C int");
  g_recursion_limit.store(static_cast<int>(limit));
  return newref(kNone);
}

Object* sys_get_int_max_str_digits(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("get_int_max_str_digits", nargs, 0, 0)) return nullptr;
  return int_from_i64(g_int_max_str_digits.load(std::memory_order_relaxed));
}

Object* sys_set_int_max_str_digits(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* arg = nullptr;
  if (!parse_args("set_int_max_str_digits", args, nargs, kwnames, {"maxdigits"}, 1, &arg)) return nullptr;
  int maxdigits;
  if (!c_int_arg(arg, &maxdigits)) return nullptr;
  if (maxdigits != 0 && maxdigits < kIntStrDigitsCheckThreshold) {
    return raise_fmt(&ValueError_type, "maxdigits must be 0 or larger than %d", kIntStrDigitsCheckThreshold);
  }
  g_int_max_str_digits.store(maxdigits, std::memory_order_relaxed);
  return newref(kNone);
}

Object* sys_is_gil_enabled(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("_is_gil_enabled", nargs, 0, 0)) return nullptr;
  return newref(bool_from(gil_enabled()));
}

// The GIL's switch interval. Kept in both builds, as CPython does; only the
// GIL build uses it (gil.h).
Object* sys_getswitchinterval(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("getswitchinterval", nargs, 0, 0)) return nullptr;
  return float_from(gil_switch_interval());
}

Object* sys_setswitchinterval(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("setswitchinterval", nargs, 1, 1)) return nullptr;
  double seconds;
  if (!number_as_double(args[0], &seconds)) return nullptr;
  if (!(seconds > 0)) return raise(&ValueError_type, "switch interval must be strictly positive");
  gil_set_switch_interval(seconds);
  return newref(kNone);
}

Object* sys_getrefcount(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (nargs != 1) return raise_fmt(&TypeError_type, "sys.getrefcount() takes exactly one argument (%zu given)", nargs);
  return int_from_i64(object_refcount(args[0]));
}

Object* sys_intern(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("intern", nargs, 1, 1)) return nullptr;
  if (!is_str(args[0])) return raise_fmt(&TypeError_type, "intern() argument must be str, not %s", type_name(args[0]));
  return str_intern(str_view(args[0]));
}

// sys.displayhook(value) (CPython's sys_displayhook): what 'single' mode
// shows for an expression statement. None shows nothing; anything else is
// written as its repr to sys.stdout and kept in builtins._ (set to None
// first, as CPython does, in case repr() shows it again).
Ref<> sys_get(const char* name);

Object* sys_displayhook(Object*, Object* const* args, size_t nargs, Tuple*) {
  if (!check_nargs("displayhook", nargs, 1, 1)) return nullptr;
  Object* v = args[0];
  if (v == kNone) return newref(kNone);
  Dict* builtins = builtins_dict();
  if (dict_set(builtins, FTPY_ID("_"), kNone) < 0) return nullptr;
  Ref<> out = sys_get("stdout");
  if (!out || out.get() == kNone) return raise(&RuntimeError_type, "lost sys.stdout");
  Ref<> text(object_repr(v));
  if (!text || !stream_write(out.get(), std::string(str_view(text.get())) + "\n")) return nullptr;
  if (dict_set(builtins, FTPY_ID("_"), v) < 0) return nullptr;
  return newref(kNone);
}

// sys.exc_info(): the exception an except block of this thread is handling.
Object* sys_exc_info(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("exc_info", nargs, 0, 0)) return nullptr;
  Object* exc = topmost_handled(current_thread());
  if (!exc || exc == kNone) return tuple_pack({kNone, kNone, kNone});
  Ref<> tb(exception_get_traceback(exc));
  if (!tb) return nullptr;
  return tuple_pack({reinterpret_cast<Object*>(exc->ob_type), exc, tb.get()});
}

// The file-system encoding: UTF-8 with surrogateescape, as CPython's on
// Linux in a UTF-8 locale (os.fsencode and the posix module use it).
Object* sys_getfilesystemencoding(Object*, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("getfilesystemencoding", nargs, 0, 0) ? str_new("utf-8") : nullptr;
}

Object* sys_getfilesystemencodeerrors(Object*, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("getfilesystemencodeerrors", nargs, 0, 0) ? str_new("surrogateescape") : nullptr;
}

// sys.excepthook(type, value, traceback), also sys.__excepthook__: the
// default report of an uncaught exception (CPython's sys_excepthook_impl,
// PyErr_Display). The top level calls whatever sys.excepthook holds
// (src/main/lifecycle.cc).
Object* sys_excepthook(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("excepthook", kwnames) || !check_nargs("excepthook", nargs, 3, 3)) return nullptr;
  Object* value = args[1];
  if (!is_exception(value)) {
    flush_std_streams();
    write_stderr(std::string("TypeError: print_exception(): Exception expected for value, ") + type_name(value) +
                 " found\n");
    return newref(kNone);
  }
  // A traceback passed in is shown only when the exception has none.
  if (args[2]->ob_type == &traceback_type) {
    Ref<> current(exception_get_traceback(value));
    if (current && current.get() == kNone && exception_set_traceback(value, args[2]) < 0) return nullptr;
  }
  print_exception(value);
  return newref(kNone);
}

const MethodDef kSysFunctions[] = {
    {"excepthook", sys_excepthook},
    {"getfilesystemencoding", sys_getfilesystemencoding},
    {"getfilesystemencodeerrors", sys_getfilesystemencodeerrors},
    {"exc_info", sys_exc_info},
    {"displayhook", sys_displayhook},
    {"unraisablehook", sys_unraisablehook},
    {"exit", sys_exit},
    {"getrecursionlimit", sys_getrecursionlimit},
    {"get_int_max_str_digits", sys_get_int_max_str_digits},
    {"set_int_max_str_digits", sys_set_int_max_str_digits},
    {"setrecursionlimit", sys_setrecursionlimit},
    {"_is_gil_enabled", sys_is_gil_enabled},
    {"getswitchinterval", sys_getswitchinterval},
    {"setswitchinterval", sys_setswitchinterval},
    {"intern", sys_intern},
    {"getrefcount", sys_getrefcount},
    {"_getframe", sys_getframe},
    {nullptr, nullptr},
};

Ref<> sys_get(const char* name) {
  return Ref<>(g_sys ? dict_get_str_ref(g_sys->dict, str_intern(name)) : nullptr);
}

}  // namespace

Object* sys_capture_stdout() {
  auto* c = alloc_object<CaptureStream>(&capture_type);
  c->text = new std::string();
  Object* previous = sys_stdout().release();
  dict_set_str(g_sys->dict, "stdout", c);
  decref(c);
  return previous;
}

std::string sys_restore_stdout(Object* previous) {
  Ref<> current = sys_stdout();
  std::string text = current->ob_type == &capture_type ? *static_cast<CaptureStream*>(current.get())->text : "";
  dict_set_str(g_sys->dict, "stdout", previous);
  decref(previous);
  return text;
}

Ref<List> sys_path() { return Ref<List>(static_cast<List*>(sys_get("path").release())); }
Ref<> sys_stdout() { return sys_get("stdout"); }
Ref<> sys_attribute(const char* name) { return sys_get(name); }
Ref<> sys_stderr() { return sys_get("stderr"); }

bool stream_write(Object* stream, std::string_view text) {
  if (stream->ob_type == &stream_type) {
    std::fwrite(text.data(), 1, text.size(), static_cast<Stream*>(stream)->fp);
    return true;
  }
  Ref<> s(str_new(text));
  Object* arg = s.get();
  Ref<> r(call_method(stream, "write", &arg, 1));
  return static_cast<bool>(r);
}

void flush_std_streams() {
  if (g_sys && current_thread()) {
    Object* saved = fetch_error();
    for (const char* name : {"stdout", "stderr"}) {
      Ref<> stream = sys_get(name);
      if (!stream || stream.get() == kNone || stream->ob_type == &stream_type || stream->ob_type == &capture_type) {
        continue;
      }
      Ref<> r(call_method(stream.get(), "flush", nullptr, 0));
      if (!r) clear_error();
    }
    restore_error(saved);
  }
  std::fflush(stdout);
  std::fflush(stderr);
}

void write_stderr(std::string_view text) {
  if (g_sys && current_thread()) {
    Ref<> err = sys_get("stderr");
    if (err && err.get() == kNone) return;  // CPython reports nothing then
    if (err && err->ob_type != &stream_type) {
      Object* saved = fetch_error();
      bool ok = stream_write(err.get(), text);
      if (ok) {
        Ref<> r(call_method(err.get(), "flush", nullptr, 0));
        ok = static_cast<bool>(r);
      }
      if (!ok) clear_error();
      restore_error(saved);
      if (ok) return;
    }
  }
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

void sys_set_std_streams(Object* in, Object* out, Object* err) {
  Dict* d = g_sys->dict;
  dict_set_str(d, "stdin", in);
  dict_set_str(d, "stdout", out);
  dict_set_str(d, "stderr", err);
  dict_set_str(d, "__stdin__", in);
  dict_set_str(d, "__stdout__", out);
  dict_set_str(d, "__stderr__", err);
}

namespace {
std::vector<std::string> g_xoptions;
bool g_dev_mode = false;
// sys.flags set by -E, -I, -s, -S, -q (set before runtime_init, then read-only).
bool g_ignore_environment = false, g_isolated = false, g_no_user_site = false, g_no_site = false, g_quiet = false;
bool g_unbuffered = false;  // -u
}  // namespace

namespace {

// sys.flags, a struct sequence with CPython 3.11's fields and the values
// python3 reports without options (no command-line flag changes them yet).
Object* make_flags() {
  Type* t = structseq_new_type("flags", "sys",
                               {"debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site",
                                "no_site", "ignore_environment", "verbose", "bytes_warning", "quiet",
                                "hash_randomization", "isolated", "dev_mode", "utf8_mode", "warn_default_encoding",
                                "safe_path", "int_max_str_digits"});
  if (!t) return nullptr;
  make_immortal(t);
  Ref<> zero(int_from_i64(0)), one(int_from_i64(1)), minus_one(int_from_i64(-1));
  Ref<> hashing(int_from_i64(hash_randomization() ? 1 : 0));
  Object* z = zero.get();
  Ref<> e(int_from_i64(g_ignore_environment)), s(int_from_i64(g_no_user_site)), site(int_from_i64(g_no_site));
  Ref<> q(int_from_i64(g_quiet)), iso(int_from_i64(g_isolated));
  // debug inspect interactive optimize dont_write_bytecode no_user_site no_site ignore_environment verbose
  // bytes_warning quiet hash_randomization isolated dev_mode utf8_mode warn_default_encoding safe_path
  // int_max_str_digits
  Object* values[] = {z, z, z, z, one.get(), s.get(), site.get(), e.get(), z, z, q.get(), hashing.get(), iso.get(),
                      bool_from(dev_mode()), z, z, bool_from(g_isolated), minus_one.get()};
  return structseq_new(t, values, std::size(values));
}

// -X stdlib=DIR (ftpy_main.cc); empty: not given.
std::string g_stdlib_dir_option;

// sys.path at start-up, as CPython builds it (Modules/getpath.py), with
// ftpy's own lib/ before the standard library: the script's folder ('' for
// -c), $PYTHONPATH's entries, lib/, then CPython 3.11's standard library
// (-X stdlib=DIR, else $FTPYSTDLIB, else the build's FTPY_STDLIB_DIR).
std::string stdlib_dir() {
  const char* env = std::getenv("FTPYSTDLIB");
  return !g_stdlib_dir_option.empty() ? g_stdlib_dir_option : env && *env ? env : FTPY_STDLIB_DIR;
}

List* initial_path(std::string_view script_dir) {
  List* path = list_new(0);
  if (!g_isolated) list_append_steal(path, str_new(script_dir));  // -I: no script folder (safe_path)
  if (const char* pp = python_env("PYTHONPATH"); pp && *pp) {
    for (absl::string_view entry : absl::StrSplit(pp, ':', absl::SkipEmpty())) {
      list_append_steal(path, str_new(std::string_view(entry.data(), entry.size())));
    }
  }
  list_append_steal(path, str_new(FTPY_LIB_DIR));
  list_append_steal(path, str_new(stdlib_dir()));
  return path;
}

// CPython 3.11.0's version, the language ftpy implements.
constexpr int64_t kHexVersion = 0x030b00f0;

// sys.version_info: a struct sequence (major, minor, micro, releaselevel,
// serial), so both `[:2]` and `.major` work.
Object* make_version_info() {
  Type* t = structseq_new_type("version_info", "sys", {"major", "minor", "micro", "releaselevel", "serial"});
  if (!t) return nullptr;
  make_immortal(t);
  Ref<> major(int_from_i64(3)), minor(int_from_i64(11)), micro(int_from_i64(0)), serial(int_from_i64(0));
  Ref<> level(str_new("final"));
  Object* values[] = {major.get(), minor.get(), micro.get(), level.get(), serial.get()};
  return structseq_new(t, values, 5);
}

// sys.implementation: a types.SimpleNamespace. cache_tag None tells
// importlib not to write bytecode caches (ftpy has none).
Object* make_implementation(Object* version_info) {
  Type* ns_type = simple_namespace_type();
  if (!ns_type) return nullptr;
  Ref<> ns(object_call(reinterpret_cast<Object*>(ns_type), nullptr, 0, nullptr));
  if (!ns) return nullptr;
  Dict* d = instance_dict_ensure(ns.get());
  if (!d) return nullptr;
  dict_set_str(d, "name", Ref<>(str_new("ftpy")).get());
  dict_set_str(d, "cache_tag", kNone);
  dict_set_str(d, "version", version_info);
  dict_set_str(d, "hexversion", Ref<>(int_from_i64(kHexVersion)).get());
  dict_set_str(d, "_multiarch", Ref<>(str_new("x86_64-linux-gnu")).get());
  return ns.release();
}

}  // namespace

void sys_record_builtin_modules() {
  std::vector<std::string> names;
  int64_t pos = 0;
  Object *key, *value;
  Dict* modules = modules_dict();
  ScopedCriticalSection cs(modules);
  while (dict_next(modules, &pos, &key, &value)) {
    if (is_str(key)) names.emplace_back(str_view(key));
  }
  for (std::string& lazy : lazy_module_names()) names.push_back(std::move(lazy));
  std::sort(names.begin(), names.end());
  Ref<Tuple> t(tuple_new(static_cast<int64_t>(names.size())));
  for (size_t i = 0; i < names.size(); i++) t->items[i] = str_new(names[i]);
  dict_set_str(g_sys->dict, "builtin_module_names", t.get());
}

void runtime_set_stdlib_dir(std::string_view dir) { g_stdlib_dir_option = std::string(dir); }


const char* python_env(const char* name) { return g_ignore_environment ? nullptr : std::getenv(name); }

bool unbuffered_stdio() {
  const char* env = python_env("PYTHONUNBUFFERED");
  return g_unbuffered || (env && *env);
}

bool runtime_set_flag(char flag) {
  switch (flag) {
    case 'E': g_ignore_environment = true; return true;
    case 'I': g_isolated = g_ignore_environment = g_no_user_site = true; return true;
    case 's': g_no_user_site = true; return true;
    case 'S': g_no_site = true; return true;
    case 'q': g_quiet = true; return true;
    case 'u': g_unbuffered = true; return true;
    case 'B': return true;
    default: return false;
  }
}

void runtime_add_xoption(std::string_view option) {
  g_xoptions.emplace_back(option);
  if (option == "dev") g_dev_mode = true;
}

bool dev_mode() { return g_dev_mode; }

const std::vector<std::string>& runtime_xoptions() { return g_xoptions; }

Module* init_sys_module(int argc, char** argv, std::string_view script_dir) {
  stream_type.name = "TextIOWrapper";
  init_static_type(&stream_type);
  add_methods(&stream_type, kStreamMethods);
  capture_type.name = "_CaptureStream";
  capture_type.dealloc = capture_dealloc;
  init_static_type(&capture_type);
  add_methods(&capture_type, kCaptureMethods);

  Module* m = module_new("sys");
  g_sys = m;
  Dict* d = m->dict;
  add_functions(d, m, kSysFunctions);
  List* argv_list = list_new(argc);
  for (int i = 0; i < argc; i++) list_append_steal(argv_list, str_new(argv[i]));
  dict_set_str(d, "argv", Ref<>(argv_list).get());
  dict_set_str(d, "path", Ref<>(initial_path(script_dir)).get());
  dict_set_str(d, "modules", modules_dict());
  dict_set_str(d, "stdout", make_stream(stdout));
  dict_set_str(d, "stderr", make_stream(stderr));
  dict_set_str(d, "__stdout__", sys_stdout().get());
  dict_set_str(d, "__displayhook__", sys_get("displayhook").get());
  dict_set_str(d, "__unraisablehook__", sys_get("unraisablehook").get());
  dict_set_str(d, "__excepthook__", sys_get("excepthook").get());
  dict_set_str(d, "__stderr__", sys_stderr().get());
  dict_set_str(d, "maxsize", Ref<>(int_from_i64(INT64_MAX)).get());
  dict_set_str(d, "platform", Ref<>(str_new("linux")).get());
  dict_set_str(d, "byteorder", Ref<>(str_new("little")).get());
  dict_set_str(d, "implementation_name", Ref<>(str_new("ftpy")).get());
  dict_set_str(d, "version", Ref<>(str_new(kGilBuild ? "3.11.0 (ftpy, GIL build)" : "3.11.0 (ftpy, free-threaded build)")).get());
  Ref<> version_info(make_version_info());
  dict_set_str(d, "version_info", version_info.get());
  dict_set_str(d, "hexversion", Ref<>(int_from_i64(kHexVersion)).get());
  dict_set_str(d, "implementation", Ref<>(make_implementation(version_info.get())).get());
  dict_set_str(d, "flags", Ref<>(make_flags()).get());
  add_sys_attributes(m, stdlib_dir(), argc, argv);
  register_module(m);
  return m;
}

}  // namespace ftpy
