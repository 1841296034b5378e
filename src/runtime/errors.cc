// The current-exception slot of the thread state and the raise helpers.
#include "ftpy/errors.h"

#include <cstring>

#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/thread_state.h"
#include "ftpy/tuple.h"

namespace ftpy {

void chain_exception_context(Object* exc, Object* handled) {
  if (!handled || handled == exc || handled == kNone) return;
  auto context_of = [](Object* e) { return static_cast<BaseException*>(e)->context; };
  Object* slow = handled;
  bool advance_slow = false;
  for (Object* o = handled; Object* c = context_of(o);) {
    if (c == exc) {
      exchange_field(o, static_cast<BaseException*>(o)->context, nullptr);
      break;
    }
    o = c;
    if (o == slow) break;  // a cycle that was there before
    if (advance_slow) slow = context_of(slow);
    advance_slow = !advance_slow;
  }
  exchange_field(exc, static_cast<BaseException*>(exc)->context, newref(handled));
}

void raise_not_an_exception_instance(Object* type, Object* made, bool made_type_repr) {
  std::string repr, made_type = type_name(made);
  if (!repr_string(type, &repr)) return;
  if (made_type_repr && !repr_string(made->ob_type, &made_type)) return;
  raise_fmt(&TypeError_type, "calling %s should have returned an instance of BaseException, not %s", repr,
            made_type);
}

void raise_object(Object* exc) {
  ThreadState* ts = current_thread();
  chain_exception_context(exc, topmost_handled(ts));
  set_ref(ts->current_exception, exc);
}

std::nullptr_t raise(Type* type, std::string_view message) {
  Ref<> msg(str_new(message));
  Ref<Tuple> args(tuple_pack({msg.get()}));
  if (Object* exc = exception_new(type, args.get())) raise_object(exc);
  return nullptr;
}

void raise_value(Object* value) {
  if (is_exception_type(value)) {
    Object* exc = call0(value);
    if (!exc) return;
    if (!is_exception(exc)) {
      raise_not_an_exception_instance(value, exc, true);
      decref(exc);
      return;
    }
    raise_object(exc);
    return;
  }
  if (is_exception(value)) {
    raise_object(newref(value));
    return;
  }
  raise(&TypeError_type, "exceptions must derive from BaseException");
}

bool error_occurred() { return current_thread()->current_exception != nullptr; }

bool error_matches(Type* type) {
  Object* exc = current_thread()->current_exception;
  return exc && is_subtype(exc->ob_type, type);
}

void clear_error() { set_ref(current_thread()->current_exception, static_cast<Object*>(nullptr)); }

Object* fetch_error() {
  ThreadState* ts = current_thread();
  Object* exc = ts->current_exception;
  ts->current_exception = nullptr;
  return exc;
}

void restore_error(Object* exc) { set_ref(current_thread()->current_exception, exc); }

std::nullptr_t raise_errno(int err, Object* filename, Object* filename2) {
  Ref<> code(int_from_i64(err));
  Ref<> text(str_new(std::strerror(err)));
  Ref<> exc;
  if (filename2) {
    Object* args[] = {code.get(), text.get(), filename, kNone, filename2};
    exc = Ref<>(object_call(reinterpret_cast<Object*>(&OSError_type), args, 5, nullptr));
  } else if (filename) {
    Object* args[] = {code.get(), text.get(), filename};
    exc = Ref<>(object_call(reinterpret_cast<Object*>(&OSError_type), args, 3, nullptr));
  } else {
    Object* args[] = {code.get(), text.get()};
    exc = Ref<>(object_call(reinterpret_cast<Object*>(&OSError_type), args, 2, nullptr));
  }
  if (exc) raise_object(exc.release());
  return nullptr;
}

std::nullptr_t raise_no_memory() {
  // MemoryError must not allocate a message: use a bare instance.
  Object* exc = exception_new(&MemoryError_type, tuple_empty());
  if (exc) raise_object(exc);
  return nullptr;
}

std::nullptr_t raise_type_name_error(const char* what, Object* o) {
  return raise_fmt(&TypeError_type, "%s '%s'", what, type_name(o));
}

}  // namespace ftpy
