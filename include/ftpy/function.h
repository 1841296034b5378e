// Python functions, closure cells and bound methods.
#pragma once

#include "ftpy/type.h"

namespace ftpy {

struct Code;
struct Dict;
struct Str;
struct Tuple;

struct Function : Object {
  Code* code;
  Dict* globals;
  Str* name;
  Str* qualname;
  Tuple* defaults;   // nullptr if none
  Dict* kwdefaults;  // nullptr if none
  Tuple* closure;    // cells for the code's freevars, or nullptr
  Object* module;    // __module__
  Object* doc;       // __doc__: the code's docstring at first; nullptr is None. Threads may replace it (shared_containers.h's field recipe)
  Dict* dict;        // function attributes, created on first use
  Dict* annotations; // __annotations__: set by MAKE_FUNCTION, or created on first use
  Object* weaklist;  // weak references (ftpy/weakref.h)
};

struct Cell : Object {
  Object* ref;  // nullptr: empty
};

// A function bound to an instance (obj.method).
struct Method : Object {
  Object* func;
  Object* self;
  Object* weaklist;  // weak references (weakref.WeakMethod makes them)
};

extern Type function_type, cell_type, method_type;

inline bool is_function(const Object* o) { return o->ob_type == &function_type; }

Function* function_new(Code* code, Dict* globals, Str* qualname);
Cell* cell_new(Object* value);  // value may be nullptr
Object* method_new(Object* func, Object* self);

}  // namespace ftpy
