// Start-up of the object layer: each type file's init function, in the order
// src/main/lifecycle.cc calls them (object and type first, then the
// containers the type machinery itself uses, then every other type).
//
// Thread-safety: called once, by the main thread, before any other starts.
#pragma once

namespace ftpy {

struct Dict;
struct Type;

void init_object_and_type();       // type.cc
void init_object_and_type_late();  // type.cc: what needs str and dict
void init_tuple_type();            // tuple.cc
void init_str_type();              // str.cc
void init_int_methods(Type* t);    // int_methods.cc, from init_int_type
void init_int_classmethods();      // int_methods.cc, after init_descriptor_types
void init_inplace_updates();     // inplace_updates.cc: set/dict in-place ops, view ops, slice.indices
void init_float_classmethods();  // float.cc: float.fromhex, __getformat__
void init_float_hex_methods();   // float_hex.cc: float.hex, float.fromhex (from init_float_classmethods)
void init_str_methods(Type* t);    // str_methods.cc, from init_str_type
void init_str_unicode_methods(Type* t);  // str_unicode.cc, from init_str_methods
void init_bytes_type();            // bytes.cc
void init_complex_type();          // complex.cc
void init_bytearray_type();        // bytearray.cc
void init_memoryview_type();       // memoryview.cc
void init_dict_type();             // dict_type.cc
void init_dict_classmethods();     // dict_type.cc: after init_descriptor_types
void init_str_translate();         // str_translate.cc: maketrans, translate; after init_descriptor_types
void init_int_type();              // int.cc
void init_bool_type();             // bool.cc
void init_float_type();            // float.cc
void init_singletons();            // singletons.cc
void init_list_type();             // list.cc
void init_set_types();             // set.cc
void init_range_types();           // range.cc
void init_function_types();        // function.cc (and code.cc's init_code_type)
void init_code_type();             // code.cc
void init_native_types();          // native.cc
void init_module_type();           // module.cc
void init_iterator_types();        // iterators.cc
void init_callable_iterator_type(); // callable_iterator.cc
void init_generator_type();        // generator.cc
void init_async_generator_types();  // async_generator.cc
void init_coroutine_types();       // coroutine.cc
void init_anext_awaitable_type();  // anext_awaitable.cc
void init_descriptor_types();      // descriptors.cc (calls init_super_type)
void init_super_type();            // super.cc
void init_member_descriptor_type();  // member_slots.cc
void init_weakref_types();           // weakref.cc
void init_builtin_attr_descriptors();  // member_slots.cc: after every type it names
void init_mappingproxy_type();     // mappingproxy.cc
void init_frame_object_type();     // frame_object.cc
void init_traceback_type();        // traceback_object.cc
void init_generic_alias_types();   // generic_alias.cc: after containers and descriptors
void init_instance_support();      // object_methods.cc
void init_descriptor_dunders();    // descriptors.cc: __get__/__set__/__delete__; after init_member_descriptor_type
void init_reduce_methods();        // object_reduce.cc: __reduce_ex__, __getnewargs__; after init_instance_support
void init_class_support(Dict* builtins);  // class.cc
void init_exception_types();       // exceptions.cc
void init_exception_group_types();  // exception_group.cc, from init_exception_types
// Stores X.__new__ (CPython's BaseException_new) in a builtin exception's
// dict (exceptions.cc).
void add_exception_new(Type* t);
// Adds the exception classes to the builtins dict (exceptions.cc).
void register_exception_builtins(Dict* d);
// Records the builtins dict that new modules and frames use (module.cc).
void set_builtins_dict(Dict* d);

}  // namespace ftpy
