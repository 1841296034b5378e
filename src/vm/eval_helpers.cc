#include "eval_helpers.h"

#include <vector>


#include "ftpy/class.h"
#include "ftpy/critical_section.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/function.h"
#include "ftpy/import.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/opcode.h"
#include "ftpy/protocol.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"

namespace ftpy {

namespace {

// Pushes items[0..n) in reverse (the top of the stack is the first), new references.
[[gnu::always_inline]] inline bool unpack_array(Object* const* items, int64_t size, int64_t n, Object** dest) {
  if (size != n) {
    if (size < n) raise_fmt(&ValueError_type, "not enough values to unpack (expected %d, got %d)", n, size);
    else raise_fmt(&ValueError_type, "too many values to unpack (expected %d)", n);
    return false;
  }
  push_reversed(items, n, dest);
  return true;
}

}  // namespace

bool unpack_sequence(Object* seq, int64_t n, Object** dest) {
  // Exact types only: a class derived from tuple or list may define __iter__.
  if (seq->ob_type == &tuple_type) {  // immutable: no lock
    return unpack_array(static_cast<Tuple*>(seq)->items, static_cast<Tuple*>(seq)->size, n, dest);
  }
  if (seq->ob_type == &list_type) {
    List* l = static_cast<List*>(seq);
    int64_t size;
    {
      // One consistent snapshot of size and items. Copying them runs no
      // code and cannot block, so the short lock does (CPython's
      // UNPACK_SEQUENCE_LIST locks the list alone, too).
      ScopedShortLock lock(l);
      size = l->size;
      if (size == n) return unpack_array(list_items(l), size, n, dest);
    }
    return unpack_array(nullptr, size, n, dest);  // raises, outside the lock
  }
  if (!seq->ob_type->iter && !seq->ob_type->getitem) {
    raise_fmt(&TypeError_type, "cannot unpack non-iterable %s object", type_name(seq));
    return false;
  }
  Ref<> it(object_iter(seq));
  if (!it) return false;
  std::vector<Ref<>> items;
  while (Object* x = iter_next(it.get())) {
    items.push_back(Ref<>(x));
    if (static_cast<int64_t>(items.size()) > n) {
      raise_fmt(&ValueError_type, "too many values to unpack (expected %d)", n);
      return false;
    }
  }
  if (error_occurred()) return false;
  if (static_cast<int64_t>(items.size()) < n) {
    raise_fmt(&ValueError_type, "not enough values to unpack (expected %d, got %d)", n, items.size());
    return false;
  }
  for (int64_t i = 0; i < n; i++) dest[n - 1 - i] = items[i].release();
  return true;
}

bool unpack_ex(Object* seq, int64_t before, int64_t after, Object** dest) {
  if (!seq->ob_type->iter && !seq->ob_type->getitem) {
    raise_fmt(&TypeError_type, "cannot unpack non-iterable %s object", type_name(seq));
    return false;
  }
  std::vector<Ref<>> items;
  if (!collect_iterable(seq, &items)) return false;
  int64_t n = static_cast<int64_t>(items.size());
  if (n < before + after) {
    raise_fmt(&ValueError_type, "not enough values to unpack (expected at least %d, got %d)", before + after, n);
    return false;
  }
  int64_t total = before + 1 + after;
  int64_t k = 0;
  for (int64_t i = 0; i < before; i++) dest[total - 1 - k++] = items[i].release();
  List* middle = list_new(n - before - after);
  for (int64_t i = before; i < n - after; i++) list_append(middle, items[i].get());
  dest[total - 1 - k++] = middle;
  for (int64_t i = n - after; i < n; i++) dest[total - 1 - k++] = items[i].release();
  return true;
}

Object* build_string(Object* const* items, int64_t n) {
  std::string out;
  for (int64_t i = 0; i < n; i++) out += str_view(items[i]);
  return str_new(out);
}

Object* build_map(Object* const* items, int64_t n) {
  Dict* d = dict_new();
  if (!d) return nullptr;
  for (int64_t i = 0; i < n; i++) {
    if (dict_set_unshared(d, items[2 * i], items[2 * i + 1]) < 0) {  // not yet visible to anyone
      decref(d);
      return nullptr;
    }
  }
  return d;
}

bool dict_merge_kwargs(Object* dict, Object* other, Object* func) {
  if (!is_dict(other)) {
    if (!other->ob_type->getitem || !other->ob_type->iter) {
      raise_fmt(&TypeError_type, "argument after ** must be a mapping, not %s", type_name(other));
      return false;
    }
    Ref<> keys(call_method(other, "keys", nullptr, 0));
    if (!keys) return false;
    std::vector<Ref<>> ks;
    if (!collect_iterable(keys.get(), &ks)) return false;
    for (Ref<>& k : ks) {
      Ref<> v(object_getitem(other, k.get()));
      if (!v || dict_set(static_cast<Dict*>(dict), k.get(), v.get()) < 0) return false;
    }
    return true;
  }
  // `other` is the caller's mapping, which other threads may be changing:
  // take its items under its lock, then check and copy them (the checks
  // may run Python code). `dict` is private to this call.
  std::vector<std::pair<Ref<>, Ref<>>> items;
  {
    ScopedCriticalSection cs(other);
    int64_t pos = 0;
    Object *k, *v;
    while (dict_next(static_cast<Dict*>(other), &pos, &k, &v)) items.emplace_back(Ref<>::borrow(k), Ref<>::borrow(v));
  }
  for (auto& [key, value] : items) {
    Object* k = key.get();
    Object* v = value.get();
    if (dict_get(static_cast<Dict*>(dict), k)) {
      std::string name = is_str(k) ? std::string(str_view(k)) : "?";
      Ref<> qualname(func ? object_getattr_cstr(func, "__qualname__") : nullptr);
      if (!qualname) clear_error();
      raise_fmt(&TypeError_type, "%s() got multiple values for keyword argument '%s'",
                qualname ? str_view(qualname.get()) : "function", name);
      return false;
    }
    if (dict_set(static_cast<Dict*>(dict), k, v) < 0) return false;
  }
  return true;
}

Object* format_value(Object* value, uint32_t flags, Object* spec) {
  Ref<> converted;
  switch (flags & 3) {
    case kFormatStr: converted = Ref<>(object_str(value)); break;
    case kFormatRepr: converted = Ref<>(object_repr(value)); break;
    case kFormatAscii: converted = Ref<>(object_ascii(value)); break;
    default: converted = Ref<>::borrow(value);
  }
  if (!converted) return nullptr;
  if (!spec && converted->ob_type == &str_type) return converted.release();
  // format(value, ''), which is str(value) unless a class defines __format__.
  return format_with_spec(converted.get(), spec ? str_view(spec) : std::string_view());
}

Object* call_function_ex(Object* func, Object* args, Object* kwargs) {
  Tuple* t = static_cast<Tuple*>(args);
  if (!kwargs || static_cast<Dict*>(kwargs)->used == 0) return object_call(func, t->items, t->size, nullptr);
  Dict* d = static_cast<Dict*>(kwargs);
  std::vector<Object*> all(t->items, t->items + t->size);
  Ref<Tuple> names(tuple_new(d->used));
  int64_t pos = 0, i = 0;
  Object *k, *v;
  while (dict_next(d, &pos, &k, &v)) {
    if (!is_str(k)) return raise(&TypeError_type, "keywords must be strings");
    names->items[i++] = newref(k);
    all.push_back(v);
  }
  return object_call(func, all.data(), t->size, names.get());
}

void do_raise(Object* exc, Object* cause) {
  ThreadState* ts = current_thread();
  if (!exc) {
    Object* handled = topmost_handled(ts);
    if (!handled || handled == kNone) {
      raise(&RuntimeError_type, "No active exception to reraise");
      return;
    }
    restore_error(newref(handled));
    return;
  }
  raise_value(exc);
  if (!cause || !error_occurred()) return;
  Object* current = ts->current_exception;
  auto* be = static_cast<BaseException*>(current);
  if (cause == kNone) {
    set_ref(be->cause, static_cast<Object*>(nullptr));
    be->suppress_context = true;
    return;
  }
  Ref<> cause_obj;
  if (is_exception_type(cause)) {
    cause_obj = Ref<>(call0(cause));
    if (!cause_obj) return;
  } else if (is_exception(cause)) {
    cause_obj = Ref<>::borrow(cause);
  } else {
    raise(&TypeError_type, "exception causes must derive from BaseException");
    return;
  }
  set_ref(be->cause, cause_obj.release());
  be->suppress_context = true;
}

Object* print_expr(Object* v) {
  Ref<> hook = sys_attribute("displayhook");
  if (!hook || hook.get() == kNone) return raise(&RuntimeError_type, "lost sys.displayhook");
  return call1(hook.get(), v);
}

bool check_except_star_type(Object* type) {
  auto check = [](Object* t) {
    if (!is_exception_type(t)) {
      raise(&TypeError_type, "catching classes that do not inherit from BaseException is not allowed");
      return false;
    }
    if (is_subtype(static_cast<Type*>(t), &BaseExceptionGroup_type)) {
      raise(&TypeError_type, "catching ExceptionGroup with except* is not allowed. Use except instead.");
      return false;
    }
    return true;
  };
  if (!is_tuple(type)) return check(type);
  auto* t = static_cast<Tuple*>(type);
  for (int64_t i = 0; i < t->size; i++) {
    if (!check(t->items[i])) return false;
  }
  return true;
}

int exception_matches(Object* exc, Object* type) {
  if (is_tuple(type)) {
    // Every item is checked before any matches (CPython's
    // check_except_type_valid): `except (ValueError, 42)` is an error even
    // for a ValueError.
    Tuple* t = static_cast<Tuple*>(type);
    for (int64_t i = 0; i < t->size; i++) {
      if (!is_exception_type(t->items[i])) {
        raise(&TypeError_type, "catching classes that do not inherit from BaseException is not allowed");
        return -1;
      }
    }
    for (int64_t i = 0; i < t->size; i++) {
      if (is_subtype(exc->ob_type, static_cast<Type*>(t->items[i]))) return 1;
    }
    return 0;
  }
  if (!is_exception_type(type)) {
    raise(&TypeError_type, "catching classes that do not inherit from BaseException is not allowed");
    return -1;
  }
  return is_subtype(exc->ob_type, static_cast<Type*>(type));
}

namespace {

// BEFORE_WITH and BEFORE_ASYNC_WITH: both methods must exist on the type
// (CPython 3.11's messages), then the bound exit and enter()'s result.
// CPython's BEFORE_WITH / BEFORE_ASYNC_WITH: both methods are special
// lookups (_PyObject_LookupSpecial: on the type, never the instance dict),
// __enter__ bound before __exit__ is looked up. A plain function or method
// descriptor for __enter__ is called with the manager as first argument
// instead of being bound (no bound-method allocation; binding them has no
// visible effect); __exit__ stays on the stack, so it is bound.
bool enter_context(Object* manager, Str* enter_name, Str* exit_name, const char* protocol, Object** exit,
                   Object** enter_result) {
  Type* type = manager->ob_type;
  Object* enter_attr = type_lookup(type, enter_name);
  if (!enter_attr) {
    raise_fmt(&TypeError_type, "'%s' object does not support the %s protocol", type_name(manager), protocol);
    return false;
  }
  // Held for the call: another thread may replace the class attribute.
  Ref<> enter_fn = Ref<>::borrow(enter_attr);
  bool unbound = enter_attr->ob_type == &function_type || enter_attr->ob_type == &method_descriptor_type;
  if (!unbound) {
    enter_fn = Ref<>(descriptor_get(enter_attr, manager, type));
    if (!enter_fn) return false;
  }
  Object* exit_attr = type_lookup(type, exit_name);
  if (!exit_attr) {
    raise_fmt(&TypeError_type, "'%s' object does not support the %s protocol (missed %s method)", type_name(manager),
              protocol, str_view(exit_name));
    return false;
  }
  Ref<> exit_held = Ref<>::borrow(exit_attr);
  Ref<> exit_fn(descriptor_get(exit_attr, manager, type));
  if (!exit_fn) return false;
  Object* result = unbound ? object_call(enter_fn.get(), &manager, 1, nullptr) : call0(enter_fn.get());
  if (!result) return false;
  *exit = exit_fn.release();
  *enter_result = result;
  return true;
}

}  // namespace

bool before_with(Object* manager, Object** exit, Object** enter_result) {
  return enter_context(manager, FTPY_ID("__enter__"), FTPY_ID("__exit__"), "context manager", exit, enter_result);
}

bool before_async_with(Object* manager, Object** exit, Object** enter_awaitable) {
  return enter_context(manager, FTPY_ID("__aenter__"), FTPY_ID("__aexit__"), "asynchronous context manager", exit,
                       enter_awaitable);
}

Object* call_exit_with_exception(Object* exit, Object* exc) {
  Object* args[] = {reinterpret_cast<Object*>(exc->ob_type), exc, kNone};
  return object_call(exit, args, 3, nullptr);
}

Object* import_name(Str* name, Object* fromlist, Object* level, Dict* globals) {
  int64_t n = 0;
  if (!int_as_i64(level, &n)) return nullptr;
  return import_module_level(name, globals, fromlist, n);
}

Object* import_from(Object* module, Str* name) {
  Object* v = object_getattr(module, name);
  if (v || !error_matches(&AttributeError_type)) return v;
  clear_error();
  Ref<> mod_name(object_getattr_cstr(module, "__name__"));
  if (!mod_name) clear_error();
  if (mod_name && is_str(mod_name.get())) {
    // A submodule whose import is still running (a circular import) is in
    // sys.modules before it is bound on the package (CPython 3.7+).
    Ref<Str> full(str_new(std::string(str_view(mod_name.get())) + "." + std::string(str_view(name))));
    if (Object* sub = dict_get_ref(modules_dict(), full.get())) return sub;
  }
  Ref<> file(object_getattr_cstr(module, "__file__"));
  if (!file) clear_error();
  std::string location = file && is_str(file.get()) ? std::string(str_view(file.get())) : "unknown location";
  return raise_fmt(&ImportError_type, "cannot import name '%s' from '%s' (%s)", str_view(name),
                   mod_name && is_str(mod_name.get()) ? str_view(mod_name.get()) : "<unknown module name>", location);
}

bool setup_annotations(Dict* ns) {
  if (ns->ob_type != &dict_type) {
    // Any other mapping (a class body's __prepare__ result, exec's locals,
    // a dict subclass) through its own __getitem__/__setitem__, as
    // CPython's SETUP_ANNOTATIONS does.
    Ref<> existing(object_getitem(ns, FTPY_ID("__annotations__")));
    if (existing) return true;
    if (!error_matches(&KeyError_type)) return false;
    clear_error();
    Ref<Dict> fresh(dict_new());
    return fresh && object_setitem(ns, FTPY_ID("__annotations__"), fresh.get()) >= 0;
  }
  Ref<> existing(dict_get_str_ref(ns, FTPY_ID("__annotations__")));
  if (existing) return true;
  Ref<Dict> fresh(dict_new());
  return fresh && dict_set(ns, FTPY_ID("__annotations__"), fresh.get()) >= 0;
}

bool import_star(Object* module, Dict* ns) {
  Ref<> all(object_getattr(module, FTPY_ID("__all__")));
  bool from_all = static_cast<bool>(all);
  if (!all) {
    if (!error_matches(&AttributeError_type)) return false;
    clear_error();
    Ref<> dict(object_getattr(module, FTPY_ID("__dict__")));
    if (!dict) {
      if (!error_matches(&AttributeError_type)) return false;
      clear_error();
      raise(&ImportError_type, "from-import-* object has no __dict__ and no __all__");
      return false;
    }
    all = Ref<>(call_method(dict.get(), "keys", nullptr, 0));
    if (!all) return false;
  }
  std::vector<Ref<>> names;
  if (!collect_iterable(all.get(), &names)) return false;
  for (const Ref<>& name : names) {
    if (!is_str(name.get())) {
      Ref<> mod_name(object_getattr_cstr(module, "__name__"));
      if (!mod_name) clear_error();
      raise_fmt(&TypeError_type, "%s in %s.%s must be str, not %s", from_all ? "Item" : "Key",
                mod_name && is_str(mod_name.get()) ? str_view(mod_name.get()) : "<module>",
                from_all ? "__all__" : "__dict__", type_name(name.get()));
      return false;
    }
    if (!from_all && str_view(name.get()).starts_with("_")) continue;
    Ref<> value(object_getattr(module, static_cast<Str*>(name.get())));
    if (!value) return false;
    int r = ns->ob_type == &dict_type ? dict_set(ns, name.get(), value.get()) : object_setitem(ns, name.get(), value.get());
    if (r < 0) return false;
  }
  return true;
}

// NameError with its `name` field set, which the display's "Did you mean"
// reads (CPython's format_exc_check_arg).
void raise_name_error(Str* name) {
  Ref<> message(str_new(absl::StrFormat("name '%s' is not defined", str_view(name))));
  Ref<Tuple> args(message ? tuple_pack({message.get()}) : nullptr);
  Ref<> exc(args ? exception_new(&NameError_type, args.get()) : nullptr);
  if (!exc || object_setattr(exc.get(), FTPY_ID("name"), name) < 0) return;
  raise_object(exc.release());
}

void raise_unbound_local(Str* name) {
  raise_fmt(&UnboundLocalError_type, "cannot access local variable '%s' where it is not associated with a value",
            str_view(name));
}

void raise_unbound_free(Str* name) {
  raise_fmt(&NameError_type, "cannot access free variable '%s' where it is not associated with a value in enclosing scope",
            str_view(name));
}

Object* locals_mapping_get(Dict* ns, Str* name) {
  Object* v = object_getitem(ns, name);
  if (!v && error_matches(&KeyError_type)) clear_error();
  return v;
}

int locals_mapping_set(Dict* ns, Str* name, Object* value) { return object_setitem(ns, name, value); }

// Any failure is the NameError, as CPython's DELETE_NAME reports it
// (a mapping without __delitem__ included).
int locals_mapping_delete(Dict* ns, Str* name) {
  if (object_delitem(ns, name) == 0) return 0;
  clear_error();
  raise_name_error(name);
  return -1;
}

}  // namespace ftpy
