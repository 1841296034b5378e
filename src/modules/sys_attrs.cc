// The rest of sys that the standard library reads (CPython Python/sysmodule.c):
// interpreter facts (executable, prefix, float_info, hash_info...), the
// import system's lists, audit hooks, and the tracing entry points.
//
// Choices, recorded in design/stdlib.md:
// * settrace/setprofile store the function and gettrace/getprofile return
//   it, but ftpy's evaluation loop never calls it: there are no line or
//   call events yet. Debuggers and coverage tools therefore see nothing.
// * int_info describes ftpy's ints (GMP limbs of 64 bits) and CPython
//   3.11's digit limit for int/str conversion (4,300 by default, settable
//   with sys.set_int_max_str_digits; not yet from -X int_max_str_digits or
//   PYTHONINTMAXSTRDIGITS).
// * prefix and exec_prefix are the folder above the standard library's
//   lib/python3.11 (/usr for Debian's), which sysconfig reads.
//
// Thread-safety: the audit-hook list is an ordinary list (its own lock);
// audit() iterates a snapshot. The trace and profile functions live in sys's
// dict, whose lock serves.
#include <unistd.h>

#include <cfloat>
#include <climits>
#include <string>
#include <vector>

#include "ftpy/config.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/float.h"
#include "ftpy/generator.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/namespaces.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/runtime.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "sys_attrs.h"

namespace ftpy {

namespace {

List* g_audit_hooks = nullptr;  // immortal
Module* g_sys_module = nullptr;

Object* structseq_of(const char* name, std::initializer_list<const char*> fields, std::vector<Ref<>> values) {
  Type* t = structseq_new_type(name, "sys", fields);
  if (!t) return nullptr;
  make_immortal(t);
  std::vector<Object*> raw;
  for (Ref<>& v : values) {
    if (!v) return nullptr;
    raw.push_back(v.get());
  }
  return structseq_new(t, raw.data(), raw.size());
}

// sys._xoptions: {"dev": True, "name": "value"...} from the -X options.
Ref<> xoptions_dict() {
  Ref<Dict> d(dict_new());
  for (const std::string& opt : runtime_xoptions()) {
    size_t eq = opt.find('=');
    Ref<> key(str_new(opt.substr(0, eq)));
    Ref<> value(eq == std::string::npos ? newref(kTrue) : str_new(opt.substr(eq + 1)));
    if (key && value) dict_set(d.get(), key.get(), value.get());
  }
  return Ref<>(d.release());
}

// sys.warnoptions: "default" in development mode (CPython's
// config_init_warnoptions), which warnings.py turns into a filter.
Ref<> warn_options() {
  Ref<List> l(list_new());
  if (l && dev_mode()) list_append_steal(l.get(), str_new("default"));
  return Ref<>(l.release());
}

Object* make_float_info() {
  return structseq_of("float_info",
                      {"max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon",
                       "radix", "rounds"},
                      {Ref<>(float_from(DBL_MAX)), Ref<>(int_from_i64(DBL_MAX_EXP)), Ref<>(int_from_i64(DBL_MAX_10_EXP)),
                       Ref<>(float_from(DBL_MIN)), Ref<>(int_from_i64(DBL_MIN_EXP)), Ref<>(int_from_i64(DBL_MIN_10_EXP)),
                       Ref<>(int_from_i64(DBL_DIG)), Ref<>(int_from_i64(DBL_MANT_DIG)), Ref<>(float_from(DBL_EPSILON)),
                       Ref<>(int_from_i64(FLT_RADIX)), Ref<>(int_from_i64(1))});
}

Object* make_int_info() {
  return structseq_of("int_info",
                      {"bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"},
                      {Ref<>(int_from_i64(64)), Ref<>(int_from_i64(8)), Ref<>(int_from_i64(kIntDefaultMaxStrDigits)),
                       Ref<>(int_from_i64(kIntStrDigitsCheckThreshold))});
}

Object* make_hash_info() {
  Ref<> modulus(int_from_i64((int64_t{1} << 61) - 1));
  return structseq_of("hash_info",
                      {"width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"},
                      {Ref<>(int_from_i64(64)), std::move(modulus), Ref<>(int_from_i64(314159)), Ref<>(int_from_i64(0)),
                       Ref<>(int_from_i64(1000003)), Ref<>(str_new("siphash13")), Ref<>(int_from_i64(64)),
                       Ref<>(int_from_i64(128)), Ref<>(int_from_i64(0))});
}

Object* make_thread_info() {
  return structseq_of("thread_info", {"name", "lock", "version"},
                      {Ref<>(str_new("pthread")), Ref<>(str_new("mutex+cond")), Ref<>(newref(kNone))});
}

std::string executable_path() {
  std::vector<char> buf(PATH_MAX + 1);
  ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
  return n > 0 ? std::string(buf.data(), static_cast<size_t>(n)) : std::string();
}

// "/usr" for "/usr/lib/python3.11".
std::string prefix_of(std::string_view stdlib) {
  constexpr std::string_view kTail = "/lib/python3.11";
  while (!stdlib.empty() && stdlib.back() == '/') stdlib.remove_suffix(1);
  if (stdlib.size() > kTail.size() && stdlib.substr(stdlib.size() - kTail.size()) == kTail) {
    return std::string(stdlib.substr(0, stdlib.size() - kTail.size()));
  }
  return "/usr";
}

// audit(event, *args): each hook added by addaudithook gets (event, args).
Object* sys_audit(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("audit", kwnames)) return nullptr;
  if (nargs == 0) return raise(&TypeError_type, "audit() missing 1 required positional argument: 'event'");
  if (!is_str(args[0])) {
    return raise_fmt(&TypeError_type, "expected str for argument 'event', not %s", type_name(args[0]));
  }
  if (list_size(g_audit_hooks) == 0) return newref(kNone);  // the common case: no hooks
  Ref<> hooks(list_as_tuple(g_audit_hooks));
  Ref<Tuple> rest(tuple_from_array(args + 1, static_cast<int64_t>(nargs - 1)));
  if (!hooks || !rest) return nullptr;
  auto* h = static_cast<Tuple*>(hooks.get());
  for (int64_t i = 0; i < h->size; i++) {
    Ref<> r(call2(h->items[i], args[0], rest.get()));
    if (!r) return nullptr;
  }
  return newref(kNone);
}

Object* sys_addaudithook(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {nullptr};
  if (!parse_args("addaudithook", args, nargs, kwnames, {"hook"}, 1, a)) return nullptr;
  if (list_append(g_audit_hooks, a[0]) < 0) return nullptr;
  return newref(kNone);
}

// sys.exception(): the exception being handled, or None (3.11).
Object* sys_exception(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("exception", nargs, 0, 0)) return nullptr;
  Ref<> info(sys_attribute("exc_info"));
  Ref<> t(info ? call0(info.get()) : nullptr);
  if (!t) return nullptr;
  return newref(static_cast<Tuple*>(t.get())->items[1]);
}

// getsizeof(o[, default]): __sizeof__() (CPython adds its GC header for
// tracked objects; ftpy's header is part of what __sizeof__ reports).
Object* sys_getsizeof(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {nullptr, nullptr};
  if (!parse_args("getsizeof", args, nargs, kwnames, {"object", "default"}, 1, a)) return nullptr;
  Ref<> r(call_method(a[0], "__sizeof__", nullptr, 0));
  if (!r) {
    if (a[1] && error_matches(&TypeError_type)) {
      clear_error();
      return newref(a[1]);
    }
    return nullptr;
  }
  if (!is_int(r.get())) return raise(&TypeError_type, "an integer is required");
  if (int_sign(r.get()) < 0) return raise(&ValueError_type, "__sizeof__() should return >= 0");
  return r.release();
}

Object* sys_getdefaultencoding(Object*, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("getdefaultencoding", nargs, 0, 0) ? str_new("utf-8") : nullptr;
}

Object* sys_is_finalizing(Object*, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("is_finalizing", nargs, 0, 0) ? newref(kFalse) : nullptr;
}

// settrace/setprofile: kept for gettrace/getprofile, never called (above).
Object* store_hook(const char* name, Object* const* args, size_t nargs) {
  if (!check_nargs(name, nargs, 1, 1)) return nullptr;
  const char* key = name[3] == 't' ? "_ftpy_trace" : "_ftpy_profile";
  if (dict_set_str(g_sys_module->dict, key, args[0]) < 0) return nullptr;
  return newref(kNone);
}

Object* load_hook(const char* key) {
  Ref<> v(sys_attribute(key));
  return v ? v.release() : newref(kNone);
}

Object* sys_settrace(Object*, Object* const* args, size_t nargs, Tuple*) { return store_hook("settrace", args, nargs); }
Object* sys_setprofile(Object*, Object* const* args, size_t nargs, Tuple*) {
  return store_hook("setprofile", args, nargs);
}
Object* sys_gettrace(Object*, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("gettrace", nargs, 0, 0) ? load_hook("_ftpy_trace") : nullptr;
}
Object* sys_getprofile(Object*, Object* const*, size_t nargs, Tuple*) {
  return check_nargs("getprofile", nargs, 0, 0) ? load_hook("_ftpy_profile") : nullptr;
}

// sys.get_asyncgen_hooks(): this thread's (firstiter, finalizer).
Object* sys_get_asyncgen_hooks(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("get_asyncgen_hooks", nargs, 0, 0)) return nullptr;
  static Type* type = [] {
    Type* t = structseq_new_type("asyncgen_hooks", "builtins", {"firstiter", "finalizer"});
    if (t) make_immortal(t);
    return t;
  }();
  if (!type) return raise(&RuntimeError_type, "sys.asyncgen_hooks could not be made");
  ThreadState* ts = current_thread();
  Object* values[2] = {ts->asyncgen_firstiter ? ts->asyncgen_firstiter : kNone,
                       ts->asyncgen_finalizer ? ts->asyncgen_finalizer : kNone};
  return structseq_new(type, values, 2);
}

// sys.set_asyncgen_hooks([firstiter] [, finalizer]): a hook left out keeps
// its value; None clears it.
Object* sys_set_asyncgen_hooks(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[2] = {};
  if (!parse_args("set_asyncgen_hooks", args, nargs, kwnames, {"firstiter", "finalizer"}, 0, a)) return nullptr;
  // CPython checks the finalizer first.
  const char* names[2] = {"firstiter", "finalizer"};
  for (int i : {1, 0}) {
    if (a[i] && a[i] != kNone && a[i]->ob_type->call == nullptr) {
      return raise_fmt(&TypeError_type, "callable %s expected, got %s", names[i], type_name(a[i]));
    }
  }
  ThreadState* ts = current_thread();
  Object** fields[2] = {&ts->asyncgen_firstiter, &ts->asyncgen_finalizer};
  for (int i = 0; i < 2; i++) {
    if (!a[i]) continue;
    Object* old = *fields[i];
    *fields[i] = a[i] == kNone ? nullptr : newref(a[i]);
    xdecref(old);
  }
  return newref(kNone);
}

// sys.get_/set_coroutine_origin_tracking_depth: how many creating frames a
// new coroutine records in cr_origin, per thread (generator.h).
Object* sys_get_origin_depth(Object*, Object* const*, size_t nargs, Tuple*) {
  if (!check_nargs("get_coroutine_origin_tracking_depth", nargs, 0, 0)) return nullptr;
  return int_from_i64(coroutine_origin_tracking_depth());
}

Object* sys_set_origin_depth(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  Object* a[1] = {};
  if (!parse_args("set_coroutine_origin_tracking_depth", args, nargs, kwnames, {"depth"}, 1, a)) return nullptr;
  int64_t depth;
  if (!index_as_i64(a[0], &depth)) return nullptr;
  if (depth > INT32_MAX || depth < INT32_MIN) return raise(&OverflowError_type, "Python int too large to convert to C int");
  if (depth < 0) return raise(&ValueError_type, "depth must be >= 0");
  set_coroutine_origin_tracking_depth(depth);
  return newref(kNone);
}

const MethodDef kSysAttrFunctions[] = {
    {"get_asyncgen_hooks", sys_get_asyncgen_hooks}, {"set_asyncgen_hooks", sys_set_asyncgen_hooks},
    {"get_coroutine_origin_tracking_depth", sys_get_origin_depth},
    {"set_coroutine_origin_tracking_depth", sys_set_origin_depth},
    {"audit", sys_audit}, {"addaudithook", sys_addaudithook}, {"exception", sys_exception},
    {"getsizeof", sys_getsizeof}, {"getdefaultencoding", sys_getdefaultencoding},
    {"is_finalizing", sys_is_finalizing}, {"settrace", sys_settrace}, {"setprofile", sys_setprofile},
    {"gettrace", sys_gettrace}, {"getprofile", sys_getprofile}, {nullptr, nullptr},
};

}  // namespace

void add_sys_attributes(Module* sys, std::string_view stdlib_dir, int argc, char** argv) {
  Dict* d = sys->dict;
  g_sys_module = sys;
  g_audit_hooks = list_new();
  make_immortal(g_audit_hooks);
  add_functions(d, sys, kSysAttrFunctions);
  std::string prefix = prefix_of(stdlib_dir);
  Ref<List> orig_argv(list_new());
  for (int i = 0; i < argc; i++) list_append_steal(orig_argv.get(), str_new(argv[i]));
  struct {
    const char* name;
    Ref<> value;
  } attrs[] = {
      {"warnoptions", warn_options()},
      {"_xoptions", xoptions_dict()},
      {"executable", Ref<>(str_new(executable_path()))},
      {"_base_executable", Ref<>(str_new(executable_path()))},
      {"orig_argv", Ref<>(orig_argv.release())},
      {"prefix", Ref<>(str_new(prefix))},
      {"base_prefix", Ref<>(str_new(prefix))},
      {"exec_prefix", Ref<>(str_new(prefix))},
      {"base_exec_prefix", Ref<>(str_new(prefix))},
      {"platlibdir", Ref<>(str_new("lib"))},
      {"abiflags", Ref<>(str_new(""))},
      {"dont_write_bytecode", Ref<>(newref(kTrue))},
      {"pycache_prefix", Ref<>(newref(kNone))},
      {"meta_path", Ref<>(list_new())},
      {"path_hooks", Ref<>(list_new())},
      {"path_importer_cache", Ref<>(dict_new())},
      {"maxunicode", Ref<>(int_from_i64(0x10FFFF))},
      {"float_repr_style", Ref<>(str_new("short"))},
      {"api_version", Ref<>(int_from_i64(1013))},
      {"copyright", Ref<>(str_new("ftpy: a free-threaded Python 3.11 interpreter."))},
      {"float_info", Ref<>(make_float_info())},
      {"int_info", Ref<>(make_int_info())},
      {"hash_info", Ref<>(make_hash_info())},
      {"thread_info", Ref<>(make_thread_info())},
  };
  for (auto& a : attrs) {
    if (a.value) dict_set_str(d, a.name, a.value.get());
  }
}

}  // namespace ftpy
