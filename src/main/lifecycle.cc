// Start-up and shutdown of the interpreter (runtime.h). It reaches every
// layer below it, so it sits with main, not in src/runtime.
//
// Start-up order matters: `object` and `type` first, then the containers the
// type machinery itself uses (tuple, str, dict), then every other type, then
// the builtin modules.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "ftpy/builtin_subclass.h"
#include "ftpy/pyhash.h"
#include "ftpy/code.h"
#include "ftpy/compiler.h"
#include "ftpy/bytes.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/range.h"
#include "ftpy/set.h"
#include "ftpy/module.h"
#include "ftpy/protocol.h"
#include "ftpy/runtime.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"
#include "ftpy/frame.h"
#include "ftpy/import.h"
#include "../modules/module_init.h"
#include "../objects/type_init.h"
#include "../vm/eval_breaker.h"
#include "ftpy/signals.h"

namespace ftpy {

namespace {

// The exit status SystemExit carries, printing a message it carries.
int system_exit_status(Object* exc) {
  Tuple* args = static_cast<BaseException*>(exc)->args;
  Object* code = args->size == 0 ? kNone : args->size == 1 ? args->items[0] : args;
  if (code == kNone) return 0;
  if (is_int(code)) {
    int64_t v = 0;
    if (!int_as_i64(code, &v)) { clear_error(); v = 1; }
    return static_cast<int>(v & 0xff);
  }
  flush_std_streams();
  std::string text;
  if (!str_string(code, &text)) clear_error();
  write_stderr(text + "\n");
  return 1;
}

// Reports an uncaught exception through sys.excepthook, as CPython's
// _PyErr_PrintEx: a missing hook is said so and the default report
// printed; a failing hook's error is printed, then the original. A
// SystemExit the hook raises is returned for the caller to obey.
Ref<> report_uncaught(Object* exc) {
  Ref<> hook = sys_attribute("excepthook");
  if (!hook || hook.get() == kNone) {
    clear_error();
    flush_std_streams();
    write_stderr("sys.excepthook is missing\n");
    print_exception(exc);
    return Ref<>();
  }
  Ref<> tb(exception_get_traceback(exc));
  if (!tb) clear_error();
  Object* args[] = {exc->ob_type, exc, tb ? tb.get() : kNone};
  Ref<> r(object_call(hook.get(), args, 3, nullptr));
  if (r) return Ref<>();
  Ref<> hook_exc(fetch_error());
  if (is_subtype(hook_exc->ob_type, &SystemExit_type)) return hook_exc;
  flush_std_streams();
  write_stderr("Error in sys.excepthook:\n");
  print_exception(hook_exc.get());
  write_stderr("\nOriginal exception was:\n");
  print_exception(exc);
  return Ref<>();
}

// Exit status for an uncaught exception (SystemExit carries its own).
int handle_uncaught() {
  Ref<> exc(fetch_error());
  if (is_subtype(exc->ob_type, &SystemExit_type)) return system_exit_status(exc.get());
  if (Ref<> exit = report_uncaught(exc.get())) return system_exit_status(exit.get());
  if (is_subtype(exc->ob_type, &KeyboardInterrupt_type)) return 130;
  return 1;
}

Module* new_main_module(std::string_view filename) {
  Module* m = module_new("__main__");
  dict_set_str(m->dict, "__builtins__", Ref<>::borrow(reinterpret_cast<Object*>(builtins_dict())).get());
  dict_set_str(m->dict, "__file__", Ref<>(str_new(filename)).get());
  dict_set_str(m->dict, "__spec__", kNone);  // a script's, as CPython's
  register_module(m);
  return m;
}

}  // namespace

void runtime_init(int argc, char** argv, std::string_view script_dir) {
  // The str hash key (PYTHONHASHSEED) is fixed before any string exists;
  // an invalid seed stops here, as CPython's start-up does.
  hash_secret_init();
  ThreadState* ts = thread_state_create();
  datastack_init(ts);
  init_object_and_type();
  init_object_and_type_late();
  init_str_type();
  init_tuple_type();
  init_dict_type();
  init_int_type();
  init_bool_type();
  init_float_type();
  init_singletons();
  init_list_type();
  init_set_types();
  init_range_types();
  init_function_types();
  init_native_types();
  init_module_type();
  init_iterator_types();
  init_callable_iterator_type();
  init_exception_types();
  init_generator_type();
  init_coroutine_types();
  init_async_generator_types();
  init_anext_awaitable_type();
  init_descriptor_types();
  init_int_classmethods();
  init_float_classmethods();
  init_inplace_updates();
  init_dict_classmethods();
  init_str_translate();
  init_member_descriptor_type();
  init_descriptor_dunders();
  init_mappingproxy_type();
  init_weakref_types();
  init_generic_alias_types();
  init_frame_object_type();
  init_traceback_type();
  init_bytes_type();
  init_complex_type();
  init_bytearray_type();
  init_memoryview_type();
  init_builtin_attr_descriptors();
  for (Type* t : {&list_type, &dict_type, &set_type, &bytearray_type, &slice_type}) mark_unhashable(t);
  init_builtins_module();
  init_instance_support();
  init_reduce_methods();
  init_builtin_subclass_support();
  init_class_support(builtins_dict());
  Ref<Module> sys(init_sys_module(argc, argv, script_dir));
  init_time_module();
  init_errno_module();
  init_string_module();
  init_weakref_module();
  init_itertools_module();
  init_collections_module();
  init_posix_module();
  init_contextvars_module();
  init_struct_module();
  init_sre_module();
  init_codecs_module();
  init_binascii_module();
  init_array_module();
  init_posixsubprocess_module();
  init_io_module();
  init_atexit_module();
  if (!init_std_streams()) {
    Ref<> exc(fetch_error());
    print_exception(exc.get());
  }
  init_math_module();
  init_random_module();
  init_sha512_module();
  init_operator_module();
  init_thread_module();
  init_ast_module();
  init_imp_module();
  init_warnings_module();
  init_gc_module();
  init_marshal_module();
  init_signal_module();
  init_zlib_module();
  init_hashlib_module();
  init_blake2_module();
  init_fcntl_module();
  init_select_module();
  init_faulthandler_module();
  init_socket_module();
  init_json_module();
  init_unicodedata_module();
  init_functools_module();
  init_csv_module();
  init_queue_module();
  add_protocol_methods_to_builtins();  // after every builtin type has its slots
  sys_record_builtin_modules();
  Ref<> meta_path(dict_get_str_ref(sys->dict, FTPY_ID("meta_path")));
  if (meta_path && is_list(meta_path.get())) install_importlib_finder(static_cast<List*>(meta_path.get()));
  install_signal_handlers(ts);
}

namespace {

// Waits for non-daemon threads (threading._shutdown), as CPython does at exit.
void wait_for_threads() {
  Ref<> threading(dict_get_str_ref(modules_dict(), FTPY_ID("threading")));
  if (!threading) return;
  Ref<> r(call_method(threading.get(), "_shutdown", nullptr, 0));
  if (!r) {
    Ref<> exc(fetch_error());
    print_exception(exc.get());
  }
}

}  // namespace

int run_main_source(std::string_view source, std::string_view filename) {
  Ref<Module> main(new_main_module(filename));
  Ref<> result(run_source_in_module(main.get(), source, filename));
  int status = result ? 0 : handle_uncaught();
  return finish_main(status);
}

int run_main_module(std::string_view name, std::string_view executable) {
  std::string file, package;
  if (!find_main_module(name, &file, &package)) {
    // runpy's own errors end the program with "<executable>: <message>";
    // an exception the module's packages raised is shown as usual.
    if (error_matches(&ImportError_type) && !error_matches(&ModuleNotFoundError_type)) {
      Ref<> exc(fetch_error());
      std::string text = format_exception_only(exc.get());
      size_t colon = text.find(": ");
      std::string message = colon == std::string::npos ? text : text.substr(colon + 2);
      while (!message.empty() && message.back() == '\n') message.pop_back();
      write_stderr(std::string(executable) + ": " + message + "\n");
      return finish_main(1);
    }
    return finish_main(handle_uncaught());
  }
  std::string source;
  {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    source = ss.str();
  }
  // sys.argv[0] is the module's file, as runpy sets it.
  Ref<> argv = sys_attribute("argv");
  if (argv && is_list(argv.get()) && list_size(static_cast<List*>(argv.get())) > 0) {
    Ref<> path(str_new(file));
    object_setitem(argv.get(), Ref<>(int_from_i64(0)).get(), path.get());
  }
  Ref<Module> main(new_main_module(file));
  dict_set_str(main->dict, "__package__", Ref<>(str_new(package)).get());
  Ref<> result(run_source_in_module(main.get(), source, file));
  return finish_main(result ? 0 : handle_uncaught());
}

int finish_main(int status) {
  wait_for_threads();
  run_atexit_callbacks();
  io_flush_at_exit();
  flush_std_streams();
  return status;
}

}  // namespace ftpy

namespace ftpy {

int disassemble_source(std::string_view source, std::string_view filename) {
  absl::StatusOr<Code*> code = compile_source(source, filename);
  if (!code.ok()) {
    raise_syntax_error(code.status(), filename);
    return handle_uncaught();
  }
  std::fputs(disassemble(*code).c_str(), stdout);
  decref(*code);
  return 0;
}

}  // namespace ftpy

namespace ftpy {

std::string run_source_capture(std::string_view source, int* exit_status) {
  Object* previous = sys_capture_stdout();
  Ref<Module> main(module_new("__main__"));
  dict_set_str(main->dict, "__builtins__", reinterpret_cast<Object*>(builtins_dict()));
  dict_set_str(main->dict, "__spec__", kNone);
  Ref<> result(run_source_in_module(main.get(), source, "<test>"));
  int status = 0;
  if (!result) {
    Ref<> exc(fetch_error());
    status = is_subtype(exc->ob_type, &SystemExit_type) ? 0 : 1;
    // Leave a readable trace in the captured text for test failure messages.
    std::string line = format_exception_only(exc.get());
    Ref<> s(str_new(line));
    Object* arg = s.get();
    Ref<> r(call_method(sys_stdout().get(), "write", &arg, 1));
  }
  *exit_status = status;
  return sys_restore_stdout(previous);
}

}  // namespace ftpy
