// Weak references (ftpy/weakref.h): weakref.ref, weakref.proxy and
// callbacks, after CPython's Objects/weakrefobject.c; the locking follows
// CPython 3.13t (striped locks keyed by the referent's address, and
// _Py_TryIncref to dereference), explained in design/weakref.md.
#include "ftpy/weakref.h"

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/builtin_subclass.h"
#include "ftpy/class.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/gc.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys_mutex.h"
#include "ftpy/tuple.h"
#include "type_init.h"

namespace ftpy {

Type weakref_type, weakproxy_type, weakcallableproxy_type;

namespace {

// CPython 3.13t has 127 (NUM_WEAKREF_LIST_LOCKS); the locks are held for a
// few loads and stores, never across a call, a decref or an allocation
// that could run Python code.
constexpr size_t kStripes = 64;
SysMutex g_stripes[kStripes];

SysMutex& stripe_for(const Object* referent) {
  return g_stripes[(reinterpret_cast<uintptr_t>(referent) >> 4) % kStripes];
}

WeakRef* as_ref(Object* o) { return static_cast<WeakRef*>(o); }

// Every list head and `object` field is accessed through these: under the
// stripe lock, except the unlocked first loads in clear_weakrefs and
// weakref_get, which the lock then confirms.
WeakRef* head_of(Object** head) { return static_cast<WeakRef*>(std::atomic_ref<Object*>(*head).load(std::memory_order_relaxed)); }
void set_head(Object** head, WeakRef* r) { std::atomic_ref<Object*>(*head).store(r, std::memory_order_release); }
Object* referent_of(WeakRef* r) { return std::atomic_ref<Object*>(r->object).load(std::memory_order_acquire); }

bool is_proxy_type(const Type* t) { return t == &weakproxy_type || t == &weakcallableproxy_type; }

// Lets other threads try_incref `o` (a weak reference's referent, or the
// weak reference itself, which a dying referent's destructor increfs to run
// its callback). Needed even when this thread owns `o`: an owned object with
// no shared references is freed without an atomic step for a reader to race
// with (refcount.h, kSharedReadable; CPython's _PyObject_SetMaybeWeakref).
void allow_try_incref(Object* o) {
#if !FTPY_GIL_BUILD && !FTPY_ABLATE_BIASED_RC
  if (!is_immortal(o) && o->ob_ref_shared.load(std::memory_order_relaxed) == 0) mark_readable_slow(o);
#else
  (void)o;
#endif
}

// CPython's get_basic_refs: the reference without a callback that ref(o)
// returns again, and the proxy that proxy(o) does, when they exist (they
// stay at the head of the list).
void basic_refs(Object** head, WeakRef** ref, WeakRef** proxy) {
  *ref = *proxy = nullptr;
  WeakRef* r = head_of(head);
  if (r && !r->callback && r->ob_type == &weakref_type) {
    *ref = r;
    r = r->next;
  }
  if (r && !r->callback && is_proxy_type(r->ob_type)) *proxy = r;
}

void insert_after(WeakRef* r, WeakRef* prev) {
  r->prev = prev;
  r->next = prev->next;
  if (prev->next) prev->next->prev = r;
  prev->next = r;
}

void insert_head(WeakRef* r, Object** head) {
  WeakRef* next = head_of(head);
  r->prev = nullptr;
  r->next = next;
  if (next) next->prev = r;
  set_head(head, r);
}

void unlink(WeakRef* r, Object** head) {
  if (r->prev) r->prev->next = r->next;
  else set_head(head, r->next);
  if (r->next) r->next->prev = r->prev;
  r->prev = r->next = nullptr;
}

// Type::release: a weak reference leaves its referent's list. The
// callback is dropped after the lock is released (dropping it may free
// objects, which may clear their own weak references).
void weakref_release(Object* o) {
  WeakRef* r = as_ref(o);
  Object* callback = nullptr;
  if (Object* referent = referent_of(r)) {
    SysMutexLock lock(&stripe_for(referent));
    if (r->object) unlink(r, weaklist_slot(r->object));
    callback = std::exchange(r->callback, nullptr);
  } else {
    callback = std::exchange(r->callback, nullptr);  // clear_weakrefs took it unless it never ran
  }
  xdecref(callback);
}

// ref and the proxies themselves cannot be weakly referenced; classes
// derived from ref can (instance_dealloc clears theirs).
void weakref_dealloc(Object* o) {
  weakref_release(o);
  gc_free_object(o);
}

// Weak references are tracked so that the collector can tell one that is
// garbage itself (its callback must not run: CPython's handle_weakrefs).
void weakref_traverse(Object* o, GcVisitFn visit, void* arg) { gc_visit(as_ref(o)->callback, visit, arg); }

// Leaves the referent's list for good (object cleared, so that the
// destructor's release finds nothing more to unlink) and drops the callback.
void weakref_gc_clear(Object* o) {
  WeakRef* r = as_ref(o);
  Object* callback;
  if (Object* referent = referent_of(r)) {
    SysMutexLock lock(&stripe_for(referent));
    if (r->object) {
      unlink(r, weaklist_slot(r->object));
      std::atomic_ref<Object*>(r->object).store(nullptr, std::memory_order_release);
    }
    callback = std::exchange(r->callback, nullptr);
  } else {
    callback = std::exchange(r->callback, nullptr);
  }
  xdecref(callback);
}

Object* weakref_call(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("weakref", kwnames) || !check_nargs("weakref", nargs, 0, 0)) return nullptr;
  Object* o = weakref_get(as_ref(self));
  return o ? o : newref(kNone);
}

int64_t weakref_hash(Object* self) {
  WeakRef* r = as_ref(self);
  int64_t h = r->hash.load(std::memory_order_relaxed);
  if (h != -1) return h;
  Ref<> o(weakref_get(r));
  if (!o) {
    raise(&TypeError_type, "weak object has gone away");
    return -1;
  }
  h = object_hash(o.get());
  if (h != -1) r->hash.store(h, std::memory_order_relaxed);
  return h;
}

bool is_weakref(const Object* o) { return is_instance(o, &weakref_type) || is_proxy_type(o->ob_type); }

// Two live references compare their referents; otherwise identity.
Object* weakref_compare(Object* a, Object* b, CompareOp op) {
  if ((op != CompareOp::kEq && op != CompareOp::kNe) || !is_weakref(a) || !is_weakref(b)) {
    return newref(kNotImplemented);
  }
  Ref<> x(weakref_get(as_ref(a)));
  Ref<> y(weakref_get(as_ref(b)));
  if (!x || !y) return newref(bool_from((a == b) == (op == CompareOp::kEq)));
  return object_compare(x.get(), y.get(), op);
}

// "<weakref at 0x..; to 'C' at 0x.. (name)>", or "...; dead>".
std::string describe(Object* self, const char* kind) {
  Ref<> o(weakref_get(as_ref(self)));
  if (!o) return absl::StrFormat("<%s at %p; dead>", kind, static_cast<void*>(self));
  std::string name;
  Ref<> n(object_getattr(o.get(), FTPY_ID("__name__")));
  if (n && is_str(n.get())) name = absl::StrFormat(" (%s)", str_view(n.get()));
  clear_error();
  return absl::StrFormat("<%s at %p; to '%s' at %p%s>", kind, static_cast<void*>(self), o->ob_type->name,
                         static_cast<void*>(o.get()), name);
}

Object* weakref_repr(Object* self) { return str_new(describe(self, "weakref")); }

Object* weakref_getattr(Object* self, Str* name) {
  if (str_view(name) == "__callback__") {
    Object* referent = referent_of(as_ref(self));
    if (!referent) return newref(kNone);
    SysMutexLock lock(&stripe_for(referent));
    return newref(as_ref(self)->callback ? as_ref(self)->callback : kNone);
  }
  return generic_getattr(self, name);
}

// ref(ob, callback=None): ref.__new__, for ref and classes derived from it.
Object* weakref_construct(Type* type, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs(type->name, kwnames) || !check_nargs("__new__", nargs, 1, 2)) return nullptr;
  return weakref_new(type, args[0], nargs > 1 ? args[1] : nullptr);
}

// ref.__init__ checks the arguments __new__ took (KeyedRef calls it).
Object* weakref_init(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("__init__", kwnames) || !check_nargs("__init__", nargs, 1, 2)) return nullptr;
  return newref(kNone);
}

const MethodDef kWeakrefMethods[] = {
    {"__init__", weakref_init},
    {nullptr, nullptr},
};

// Proxies: every operation on the referent, or ReferenceError once it died.
Object* proxy_referent(Object* self) {
  Object* o = weakref_get(as_ref(self));
  if (!o) raise(&ReferenceError_type, "weakly-referenced object no longer exists");
  return o;
}

Object* proxy_repr(Object* self) {
  Ref<> o(weakref_get(as_ref(self)));
  return str_new(absl::StrFormat("<weakproxy at %p; to '%s' at %p>", static_cast<void*>(self),
                                 o ? o->ob_type->name : "NoneType", static_cast<void*>(o ? o.get() : kNone)));
}

#define FTPY_PROXY_UNARY(fn, expr)           \
  Object* fn(Object* self) {                 \
    Ref<> o(proxy_referent(self));           \
    return o ? (expr) : nullptr;             \
  }
FTPY_PROXY_UNARY(proxy_str, object_str(o.get()))
FTPY_PROXY_UNARY(proxy_iter, object_iter(o.get()))
FTPY_PROXY_UNARY(proxy_iternext, iter_next(o.get()))
FTPY_PROXY_UNARY(proxy_neg, unary_negative(o.get()))
FTPY_PROXY_UNARY(proxy_pos, unary_positive(o.get()))
FTPY_PROXY_UNARY(proxy_invert, unary_invert(o.get()))
#undef FTPY_PROXY_UNARY

template <BinaryOp op>
Object* proxy_binary(Object* a, Object* b) {
  Ref<> x(is_proxy_type(a->ob_type) ? proxy_referent(a) : newref(a));
  if (!x) return nullptr;
  Ref<> y(is_proxy_type(b->ob_type) ? proxy_referent(b) : newref(b));
  if (!y) return nullptr;
  return binary_op(x.get(), y.get(), op);
}

Object* proxy_getattr(Object* self, Str* name) {
  Ref<> o(proxy_referent(self));
  return o ? object_getattr(o.get(), name) : nullptr;
}

int proxy_setattr(Object* self, Str* name, Object* value) {
  Ref<> o(proxy_referent(self));
  return o ? object_setattr(o.get(), name, value) : -1;
}

Object* proxy_call(Object* self, Object* const* args, size_t nargs, Tuple* kwnames) {
  Ref<> o(proxy_referent(self));
  return o ? object_call(o.get(), args, nargs, kwnames) : nullptr;
}

Object* proxy_compare(Object* a, Object* b, CompareOp op) {
  Ref<> x(is_proxy_type(a->ob_type) ? proxy_referent(a) : newref(a));
  if (!x) return nullptr;
  Ref<> y(is_proxy_type(b->ob_type) ? proxy_referent(b) : newref(b));
  if (!y) return nullptr;
  return object_compare(x.get(), y.get(), op);
}

int proxy_bool(Object* self) {
  Ref<> o(proxy_referent(self));
  return o ? object_is_true(o.get()) : -1;
}

int64_t proxy_len(Object* self) {
  Ref<> o(proxy_referent(self));
  return o ? object_len(o.get()) : -1;
}

Object* proxy_getitem(Object* self, Object* key) {
  Ref<> o(proxy_referent(self));
  return o ? object_getitem(o.get(), key) : nullptr;
}

int proxy_setitem(Object* self, Object* key, Object* value) {
  Ref<> o(proxy_referent(self));
  if (!o) return -1;
  return value ? object_setitem(o.get(), key, value) : object_delitem(o.get(), key);
}

int proxy_contains(Object* self, Object* item) {
  Ref<> o(proxy_referent(self));
  return o ? object_contains(o.get(), item) : -1;
}

int64_t proxy_hash(Object* self) {
  raise_fmt(&TypeError_type, "unhashable type: '%s'", self->ob_type->name);
  return -1;
}

void init_proxy_type(Type* t, const char* name) {
  t->name = name;
  t->dealloc = weakref_dealloc;
  t->flags = kTypeGc;
  t->traverse = weakref_traverse;
  t->clear = weakref_gc_clear;
  t->repr = proxy_repr;
  t->str = proxy_str;
  t->hash = proxy_hash;
  t->compare = proxy_compare;
  t->getattr = proxy_getattr;
  t->setattr = proxy_setattr;
  t->number.add = proxy_binary<BinaryOp::kAdd>;
  t->number.sub = proxy_binary<BinaryOp::kSub>;
  t->number.mul = proxy_binary<BinaryOp::kMul>;
  t->number.truediv = proxy_binary<BinaryOp::kTrueDiv>;
  t->number.floordiv = proxy_binary<BinaryOp::kFloorDiv>;
  t->number.mod = proxy_binary<BinaryOp::kMod>;
  t->number.pow = proxy_binary<BinaryOp::kPow>;
  t->number.and_ = proxy_binary<BinaryOp::kAnd>;
  t->number.or_ = proxy_binary<BinaryOp::kOr>;
  t->number.xor_ = proxy_binary<BinaryOp::kXor>;
  t->number.lshift = proxy_binary<BinaryOp::kLShift>;
  t->number.rshift = proxy_binary<BinaryOp::kRShift>;
  t->number.matmul = proxy_binary<BinaryOp::kMatMul>;
  t->number.neg = proxy_neg;
  t->number.pos = proxy_pos;
  t->number.invert = proxy_invert;
  t->number.bool_ = proxy_bool;
  t->len = proxy_len;
  t->getitem = proxy_getitem;
  t->setitem = proxy_setitem;
  t->contains = proxy_contains;
  t->iter = proxy_iter;
  t->iternext = proxy_iternext;
  init_static_type(t);
}

// Makes a reference to `o` of `type` and links it into o's list, or
// returns the basic one that exists (CPython's weakref___new__ and
// PyWeakref_NewProxy).
Object* make_ref(Type* type, Object* o, Object* callback, bool proxy) {
  Object** head = weaklist_slot(o);
  if (!head) return raise_fmt(&TypeError_type, "cannot create weak reference to '%s' object", type_name(o));
  if (callback == kNone) callback = nullptr;
  bool basic = !callback && (proxy || type == &weakref_type);
  WeakRef* r;
  {
    SysMutexLock lock(&stripe_for(o));
    WeakRef *ref, *prox;
    basic_refs(head, &ref, &prox);
    WeakRef* existing = proxy ? prox : ref;
    // A basic reference that is itself being freed cannot be handed out.
    if (basic && existing && try_incref(existing)) return existing;
    // Allocation runs no Python code, so it may happen under the lock.
    r = static_cast<WeakRef*>(alloc_instance_of(type, sizeof(WeakRef)));
    if (!r) return nullptr;
    r->object = o;
    r->callback = callback ? newref(callback) : nullptr;
    r->hash.store(-1, std::memory_order_relaxed);
    if (basic) {
      // The basic reference heads the list; the basic proxy follows it.
      if (proxy && ref) insert_after(r, ref);
      else insert_head(r, head);
    } else if (WeakRef* prev = prox ? prox : ref) {
      insert_after(r, prev);
    } else {
      insert_head(r, head);
    }
    // Before other threads can find r in the list: one that asks for the
    // basic reference next must be able to take it.
    allow_try_incref(o);
    allow_try_incref(r);
  }
  return r;
}

}  // namespace

Object* weakref_new(Type* type, Object* o, Object* callback) { return make_ref(type, o, callback, false); }

Object* weakproxy_new(Object* o, Object* callback) {
  Type* type = o->ob_type->call ? &weakcallableproxy_type : &weakproxy_type;
  return make_ref(type, o, callback, true);
}

Object* weakref_get(WeakRef* r) {
  Object* o = referent_of(r);
  if (!o) return nullptr;
  // The referent's memory is valid while the field still names it: its
  // destructor clears the field under this lock before freeing anything.
  SysMutexLock lock(&stripe_for(o));
  if (!r->object) return nullptr;
  return try_incref(o) ? o : nullptr;
}

namespace {

// Empties o's list under its stripe lock, clearing each reference, and
// collects (reference, callback) for each reference with a callback that
// `is_garbage` does not reject: a reference that is garbage itself keeps
// its callback, uncalled, until it is freed (CPython's handle_weakrefs).
// The reference is nullptr when it is dying itself: its callback is only
// dropped then, as in CPython 3.13t.
void detach_weakrefs(Object* o, Object** head, bool (*is_garbage)(Object*), WeakrefCallbacks* out) {
  SysMutexLock lock(&stripe_for(o));
  while (WeakRef* r = head_of(head)) {
    unlink(r, head);
    std::atomic_ref<Object*>(r->object).store(nullptr, std::memory_order_release);
    if (!r->callback || (is_garbage && is_garbage(r))) continue;
    Object* cb = std::exchange(r->callback, nullptr);
    out->emplace_back(try_incref(r) ? r : nullptr, cb);
  }
}

}  // namespace

void weakref_run_callbacks(WeakrefCallbacks* callbacks) {
  if (callbacks->empty()) return;
  // An exception being raised (when the referent died) survives them.
  Object* pending = fetch_error();
  for (auto [r, cb] : *callbacks) {
    if (r) {
      Ref<> result(call1(cb, r));
      if (!result) write_unraisable(cb);
      decref(r);
    }
    decref(cb);
  }
  callbacks->clear();
  restore_error(pending);
}

void clear_weakrefs_slow(Object* o, Object** head) {
  WeakrefCallbacks callbacks;
  detach_weakrefs(o, head, nullptr, &callbacks);
  weakref_run_callbacks(&callbacks);
}

void weakrefs_clear_for_gc(Object* o, Object** head, bool (*is_garbage)(Object*), WeakrefCallbacks* callbacks) {
  detach_weakrefs(o, head, is_garbage, callbacks);
}

Object* weakref_first(Object* o) {
  Object** head = weaklist_slot(o);
  if (!head) return newref(kNone);
  SysMutexLock lock(&stripe_for(o));
  for (WeakRef* r = head_of(head); r; r = r->next) {
    if (try_incref(r)) return r;  // skips references being freed
  }
  return newref(kNone);
}

int64_t weakref_count(Object* o) {
  Object** head = weaklist_slot(o);
  if (!head) return 0;
  SysMutexLock lock(&stripe_for(o));
  int64_t n = 0;
  for (WeakRef* r = head_of(head); r; r = r->next) n++;
  return n;
}

Object* weakref_list(Object* o) {
  Ref<List> out(list_new(0));
  Object** head = weaklist_slot(o);
  if (!out || !head) return out.release();
  std::vector<Ref<>> refs;
  {
    SysMutexLock lock(&stripe_for(o));
    for (WeakRef* r = head_of(head); r; r = r->next) {
      if (try_incref(r)) refs.emplace_back(r);  // skips references being freed
    }
  }
  for (Ref<>& r : refs) {
    if (list_append(out.get(), r.get()) < 0) return nullptr;
  }
  return out.release();
}

void init_weakref_types() {
  weakref_type.name = "weakref.ReferenceType";
  weakref_type.flags = kTypeBaseType | kTypeGc;
  weakref_type.dealloc = weakref_dealloc;
  weakref_type.traverse = weakref_traverse;
  weakref_type.clear = weakref_gc_clear;
  weakref_type.release = weakref_release;
  weakref_type.repr = weakref_repr;
  weakref_type.hash = weakref_hash;
  weakref_type.compare = weakref_compare;
  weakref_type.call = weakref_call;
  weakref_type.getattr = weakref_getattr;
  weakref_type.new_ = weakref_construct;
  weakref_type.weaklist_offset = 0;  // only classes derived from ref (WeakMethod) add one
  init_static_type(&weakref_type);
  add_methods(&weakref_type, kWeakrefMethods);
  init_proxy_type(&weakproxy_type, "weakref.ProxyType");
  init_proxy_type(&weakcallableproxy_type, "weakref.CallableProxyType");
  weakcallableproxy_type.call = proxy_call;
}

}  // namespace ftpy
