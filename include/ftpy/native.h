// Functions and methods implemented in C++.
//
// A MethodDef names a C++ function with the vector calling convention. Module
// functions become NativeFunction objects bound to their module; methods of
// builtin types are stored in the type's dict as MethodDescriptors and bound
// to the instance on attribute access (or called unbound by LOAD_METHOD).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>

#include "ftpy/type.h"

namespace ftpy {

struct Tuple;
struct Dict;

using NativeFn = Object* (*)(Object* self, Object* const* args, size_t nargs, Tuple* kwnames);

struct MethodDef {
  const char* name;
  NativeFn fn;
};

struct NativeFunction : Object {
  const MethodDef* def;
  Object* self;  // the bound instance or module (owned), may be nullptr
};

struct MethodDescriptor : Object {
  const MethodDef* def;
  Type* owner;
};

extern Type native_function_type, method_descriptor_type;

Object* native_function_new(const MethodDef* def, Object* self);
// A descriptor for def (which must outlive it) as a method of `owner`'s
// instances, to store on a class made at run time (new reference).
Object* method_descriptor_new(const MethodDef* def, Type* owner);
// Adds def (which must outlive t) to t's dict as a descriptor.
void add_method(Type* t, const MethodDef* def);
// Adds each def (terminated by {nullptr, nullptr}) to t's dict as a descriptor.
void add_methods(Type* t, const MethodDef* defs);
// Adds def to t's dict as a classmethod (the function gets the class as
// args[0]) or a staticmethod.
void add_classmethod(Type* t, const MethodDef* def);
void add_staticmethod(Type* t, const MethodDef* def);
// Adds each def to a module dict as a function bound to `module`.
void add_functions(Dict* dict, Object* module, const MethodDef* defs);

// Argument checking helpers for native functions. Each raises TypeError with
// CPython's wording and returns false on failure.
bool check_no_kwargs(const char* fname, Tuple* kwnames);
bool check_nargs(const char* fname, size_t nargs, size_t min, size_t max);
// Binds positional and keyword arguments to the parameter names `params`:
// out[i] is the borrowed argument for params[i] or nullptr if absent. Raises
// for unknown keywords, duplicates, too many arguments or missing required ones
// (the first `required` params).
bool parse_args(const char* fname, Object* const* args, size_t nargs, Tuple* kwnames,
                std::initializer_list<const char*> params, size_t required, Object** out);
// parse_args for a signature whose first `posonly` params are positional
// only (`data, /, level=-1`; 0 for none), with Argument Clinic's messages
// ("'x' is an invalid keyword argument for f()").
bool parse_args_posonly(const char* fname, Object* const* args, size_t nargs, Tuple* kwnames, size_t posonly,
                        std::initializer_list<const char*> params, size_t required, Object** out);
// An int (or __index__) argument as a C int, as CPython's `int` converter:
// OverflowError "Python int too large to convert to C int" outside its range.
bool c_int_arg(Object* o, int* out);
// An int argument reduced to its low bits (`mask`), as CPython's
// unsigned-mask converters (binascii.crc32's and zlib's running values).
bool masked_int_arg(Object* o, uint64_t mask, uint64_t* out);

}  // namespace ftpy
