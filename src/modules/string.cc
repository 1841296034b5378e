// The _string module: string.Formatter's access to the parser behind
// str.format (CPython's formatter_parser and formatter_field_name_split in
// Objects/stringlib/unicode_format.h). Both return lazy iterators, so an
// error in a format string surfaces at the piece that has it, as in CPython.
//
// Thread-safety: an iterator's position is read and advanced under the
// iterator's critical section, so threads sharing one get each piece once;
// the string it walks is immutable.
#include "../objects/format_markup.h"
#include "ftpy/critical_section.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/iterators.h"
#include "ftpy/module.h"
#include "ftpy/native.h"
#include "ftpy/protocol.h"
#include "ftpy/refcount.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/tuple.h"
#include "ftpy/type.h"
#include "module_init.h"

namespace ftpy {

namespace {

Type formatter_iterator_type, fieldname_iterator_type;

struct FormatIterator : Object {
  Str* text;    // owned
  size_t pos;   // byte offset of the next piece, under the critical section
};

void format_iterator_dealloc(Object* o) {
  decref(static_cast<FormatIterator*>(o)->text);
  free_object(o);
}

Object* new_iterator(Type* t, Object* text, size_t pos) {
  auto* it = alloc_object<FormatIterator>(t);
  if (!it) return nullptr;
  it->text = static_cast<Str*>(newref(text));
  it->pos = pos;
  return it;
}

Object* str_or_none(std::string_view s, bool present) { return present ? str_new(s) : newref(kNone); }

// (literal, field_name, format_spec, conversion); the last three are None
// for a piece of literal text only, and conversion is None without one.
Object* formatter_iterator_next(Object* o) {
  auto* it = static_cast<FormatIterator*>(o);
  MarkupPiece piece;
  MarkupStep step;
  {
    ScopedCriticalSection cs(it);
    step = markup_next(str_view(it->text), &it->pos, &piece);
  }
  if (step != MarkupStep::kPiece) return nullptr;
  Ref<> literal(str_new(piece.literal));
  Ref<> name(str_or_none(piece.field_name, piece.field_present));
  Ref<> spec(str_or_none(piece.format_spec, piece.field_present));
  Ref<> conversion(str_or_none(piece.conversion, !piece.conversion.empty()));
  if (!literal || !name || !spec || !conversion) return nullptr;
  return tuple_pack({literal.get(), name.get(), spec.get(), conversion.get()});
}

Object* index_or_name(int64_t index, std::string_view name) {
  return index == -1 ? str_new(name) : int_from_i64(index);
}

// (is_attribute, name or integer index) for each .attr or [key] part.
Object* fieldname_iterator_next(Object* o) {
  auto* it = static_cast<FormatIterator*>(o);
  FieldPart part;
  MarkupStep step;
  {
    ScopedCriticalSection cs(it);
    step = field_name_next(str_view(it->text), &it->pos, &part);
  }
  if (step != MarkupStep::kPiece) return nullptr;
  Ref<> value(index_or_name(part.index, part.name));
  if (!value) return nullptr;
  return tuple_pack({bool_from(part.is_attribute), value.get()});
}

bool check_str_arg(Object* const* args, size_t nargs, const char* fname) {
  if (!check_nargs(fname, nargs, 1, 1)) return false;
  if (is_str(args[0])) return true;
  raise_fmt(&TypeError_type, "expected str, got %s", type_name(args[0]));
  return false;
}

Object* formatter_parser(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("formatter_parser", kwnames) || !check_str_arg(args, nargs, "formatter_parser")) return nullptr;
  return new_iterator(&formatter_iterator_type, args[0], 0);
}

// (first, iterator over the rest): first is an int when it is all digits.
Object* formatter_field_name_split(Object*, Object* const* args, size_t nargs, Tuple* kwnames) {
  if (!check_no_kwargs("formatter_field_name_split", kwnames) ||
      !check_str_arg(args, nargs, "formatter_field_name_split")) {
    return nullptr;
  }
  std::string_view first;
  int64_t index;
  size_t rest;
  if (!field_name_first(str_view(args[0]), &first, &index, &rest)) return nullptr;
  Ref<> head(index_or_name(index, first));
  Ref<> iter(new_iterator(&fieldname_iterator_type, args[0], rest));
  if (!head || !iter) return nullptr;
  return tuple_pack({head.get(), iter.get()});
}

const MethodDef kStringFunctions[] = {
    {"formatter_parser", formatter_parser},
    {"formatter_field_name_split", formatter_field_name_split},
    {nullptr, nullptr},
};

}  // namespace

void init_string_module() {
  init_iterator_type(&formatter_iterator_type, "formatteriterator", formatter_iterator_next, format_iterator_dealloc);
  init_iterator_type(&fieldname_iterator_type, "fieldnameiterator", fieldname_iterator_next, format_iterator_dealloc);
  Module* m = module_new("_string");
  add_functions(m->dict, m, kStringFunctions);
  register_module(m);
  decref(m);
}

}  // namespace ftpy
