// Printing uncaught exceptions the way CPython 3.11 does (without the
// "^^^^" position markers), following __cause__ and __context__ chains.
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "ftpy/code.h"
#include "ftpy/dict.h"
#include "ftpy/errors.h"
#include "ftpy/exceptions.h"
#include "ftpy/int.h"
#include "ftpy/list.h"
#include "ftpy/protocol.h"
#include "ftpy/shared_containers.h"
#include "ftpy/singletons.h"
#include "ftpy/str.h"
#include "ftpy/sys.h"
#include "ftpy/tuple.h"
#include "ftpy/sys_mutex.h"

namespace ftpy {

namespace {

// Source lines of a file, read once per file. Threads print tracebacks at
// once (a dying thread's excepthook), so the cache takes a lock; entries are
// never changed or removed once added, and std::map keeps their addresses,
// so the returned reference stays valid after the lock is released.
// Held only while reading the cache or a file: no Python code runs under
// it, so it never waits for another thread's Python code.
SysMutex g_source_cache_mutex;

const std::vector<std::string>& source_lines(const std::string& filename) {
  SysMutexLock lock(&g_source_cache_mutex);
  static auto* cache = new std::map<std::string, std::vector<std::string>>();
  auto it = cache->find(filename);
  if (it != cache->end()) return it->second;
  std::vector<std::string> lines;
  std::ifstream in(filename);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return cache->emplace(filename, std::move(lines)).first->second;
}

std::string strip(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\f\r");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\f\r\n");
  return s.substr(b, e - b + 1);
}

// A new reference: another thread may be changing the exception's attributes.
Ref<> exc_attr(Object* exc, const char* name) {
  auto* be = static_cast<BaseException*>(exc);
  Dict* d = load_published(be->dict);
  return Ref<>(d ? dict_get_str_ref(d, str_intern(name)) : nullptr);
}

// A SyntaxError's field: what was stored (the compiler's, or an
// assignment), else what its args give (`SyntaxError(msg, (file, line,
// offset, text, end_line, end_offset))`).
Ref<> syntax_attr(Object* exc, const char* name) {
  if (Ref<> v = exc_attr(exc, name)) return v;
  return Ref<>(exception_builtin_attr(exc, name));
}

// An int field as CPython's parse_syntax_error reads it: None (or absent)
// gives `missing`; false when it is not an int.
bool syntax_int(Object* exc, const char* name, int64_t missing, int64_t* out) {
  Ref<> v = syntax_attr(exc, name);
  *out = missing;
  if (!v || v.get() == kNone) return true;
  return is_int(v.get()) && int_as_i64(v.get(), out);
}

// CPython 3.11's print_error_text: the line (leading blanks stripped,
// only its part from the last newline before the offset), then carets from
// `offset` (1-based) to `end_offset`. Byte offsets into the UTF-8 text, as
// CPython's char* arithmetic has them.
std::string error_text(std::string_view text, int64_t offset, int64_t end_offset) {
  int64_t carets = end_offset > 0 && end_offset > offset ? end_offset - offset : 1;
  offset--;
  while (!text.empty() && (text[0] == ' ' || text[0] == '\t' || text[0] == '\f')) {
    text.remove_prefix(1);
    offset--;
  }
  int64_t len = static_cast<int64_t>(text.size());
  if (len > 0 && text[len - 1] == '\n') len--;
  if (offset > len) offset = len;
  for (;;) {
    size_t nl = text.find('\n');
    if (nl == std::string_view::npos || static_cast<int64_t>(nl) >= offset) break;
    int64_t skip = static_cast<int64_t>(nl) + 1;
    text.remove_prefix(static_cast<size_t>(skip));
    len -= skip;
    offset -= skip;
  }
  std::string out = "    " + std::string(text);
  if (static_cast<int64_t>(text.size()) <= len || text[static_cast<size_t>(len)] != '\n') out += "\n";
  if (offset < 0) return out;
  return out + "    " + std::string(static_cast<size_t>(offset), ' ') + std::string(static_cast<size_t>(carets), '^') + "\n";
}

// CPython 3.11's print_exception_file_and_line with parse_syntax_error:
// "  File ..., line N", the text and its carets; "" when a field is of the
// wrong type (the exception is then printed as any other).
std::string syntax_error_details(Object* exc) {
  Ref<> filename = syntax_attr(exc, "filename");
  Ref<> lineno_obj = syntax_attr(exc, "lineno");
  if (!filename || !lineno_obj || !is_int(lineno_obj.get())) return "";
  int64_t lineno = 0, offset, end_lineno, end_offset;
  if (!int_as_i64(lineno_obj.get(), &lineno) || !syntax_int(exc, "offset", -1, &offset)) {
    clear_error();
    return "";
  }
  // No line: a source that could not be decoded, which CPython reports
  // without a location when it runs the file.
  if (lineno <= 0) return "";
  if (exc->ob_type == &SyntaxError_type) {
    if (!syntax_int(exc, "end_lineno", lineno, &end_lineno) || !syntax_int(exc, "end_offset", -1, &end_offset)) {
      clear_error();
      return "";
    }
  } else {
    end_lineno = lineno;
    end_offset = -1;
  }
  std::string name = "<string>";
  if (filename.get() != kNone) {
    Ref<> s(object_str(filename.get()));
    if (!s) {
      clear_error();
      return "";
    }
    name = std::string(str_view(s.get()));
  }
  std::string out = absl::StrFormat("  File \"%s\", line %d\n", name, lineno);
  Ref<> text = syntax_attr(exc, "text");
  if (text && is_str(text.get())) {
    std::string_view line = str_view(text.get());
    int64_t size = static_cast<int64_t>(line.size());
    if (end_lineno > lineno) end_offset = size;
    if (end_offset > size + 1) end_offset = size + 1;
    out += error_text(line, offset, end_offset);
  }
  return out;
}

// The printer's state (CPython 3.11's exception_print_context in
// Python/pythonrun.c). Inside an exception group every line is indented by
// two spaces per level and starts with "| "; groups draw their members in
// numbered boxes.
struct PrintContext {
  std::string out;
  std::set<Object*> seen;  // exceptions printed already (chains may repeat)
  int group_depth = 0;
  bool need_close = false;  // the last member of a group still owes its box's closing line
};

constexpr int kMaxGroupWidth = 15;
constexpr int kMaxGroupDepth = 10;

std::string indent(const PrintContext& ctx) { return std::string(2 * ctx.group_depth, ' '); }
std::string margin(const PrintContext& ctx) { return indent(ctx) + (ctx.group_depth ? "| " : ""); }

// Appends `text` (lines ending in newlines) with the margin before each line.
void write_lines(PrintContext* ctx, const std::string& text) {
  std::string m = margin(*ctx);
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size() - 1;
    ctx->out += m + text.substr(start, end - start + 1);
    start = end + 1;
  }
}

// PEP 678: each of __notes__ on its own line after the message (CPython's
// print_exception_notes): str(note), or the repr of __notes__ itself when
// it is not a list or tuple.
void print_notes(PrintContext* ctx, Object* exc) {
  Ref<> notes = exc_attr(exc, "__notes__");
  if (!notes) return;
  auto append = [&](Object* o, bool repr) {
    Ref<> s(repr ? object_repr(o) : object_str(o));
    if (!s) {
      clear_error();
      write_lines(ctx, repr ? "<__notes__ repr() failed>\n" : "<note str() failed>\n");
      return;
    }
    write_lines(ctx, std::string(str_view(s.get())) + "\n");
  };
  if (notes->ob_type == &list_type || notes->ob_type == &tuple_type) {
    Ref<> items(notes->ob_type == &list_type ? list_as_tuple(static_cast<List*>(notes.get())) : newref(notes.get()));
    if (!items) {
      clear_error();
      return;
    }
    auto* t = static_cast<Tuple*>(items.get());
    for (int64_t i = 0; i < t->size; i++) append(t->items[i], false);
  } else {
    append(notes.get(), true);
  }
}

void print_traceback(PrintContext* ctx, Object* exc) {
  std::vector<TracebackEntry> entries = exception_traceback_entries(exc);
  if (entries.empty()) return;
  // Runs of more than kRecursiveCutoff identical entries are collapsed,
  // as CPython's traceback printer does (TB_RECURSIVE_CUTOFF).
  constexpr int kRecursiveCutoff = 3;
  bool group = is_exception_group(exc);
  std::string header_margin = group && ctx->group_depth == 1 ? indent(*ctx) + "+ " : margin(*ctx);
  ctx->out += header_margin + (group ? "Exception Group Traceback (most recent call last):\n"
                                     : "Traceback (most recent call last):\n");
  std::string out;
  const TracebackEntry* previous = nullptr;
  int repeats = 0;
  auto flush_repeats = [&]() {
    if (repeats > kRecursiveCutoff) {
      int extra = repeats - kRecursiveCutoff;
      out += absl::StrFormat("  [Previous line repeated %d more time%s]\n", extra, extra == 1 ? "" : "s");
    }
  };
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    bool same = previous && previous->code->filename == it->code->filename && previous->line == it->line &&
                str_view(previous->code->name) == str_view(it->code->name);
    if (!same) {
      flush_repeats();
      repeats = 0;
    }
    previous = &*it;
    if (++repeats > kRecursiveCutoff) continue;
    std::string file(str_view(it->code->filename));
    out += absl::StrFormat("  File \"%s\", line %d, in %s\n", file, it->line, str_view(it->code->name));
    const auto& lines = source_lines(file);
    if (it->line >= 1 && it->line <= static_cast<int>(lines.size())) {
      std::string text = strip(lines[it->line - 1]);
      if (!text.empty()) out += "    " + text + "\n";
    }
  }
  flush_repeats();
  traceback_entries_release(&entries);
  write_lines(ctx, out);
}

// One exception without its chain: traceback, message, notes.
void print_single(PrintContext* ctx, Object* exc) {
  print_traceback(ctx, exc);
  std::string line = format_exception_only(exc);
  // "Did you mean" goes before the line's newline, as CPython's display
  // puts it (traceback.py's formatting in 3.11 has none).
  if (std::string more = exception_suggestion(exc); !more.empty() && !line.empty()) line.insert(line.size() - 1, more);
  write_lines(ctx, line);
  print_notes(ctx, exc);
}

void print_recursive(PrintContext* ctx, Object* exc);

void print_chained(PrintContext* ctx, Object* exc, const char* message) {
  bool need_close = ctx->need_close;
  print_recursive(ctx, exc);
  ctx->need_close = need_close;
  std::string m = margin(*ctx);
  ctx->out += m + "\n" + m + message + m + "\n";
}

// A group: itself, then each member in a numbered box (CPython's
// print_exception_group): at most 15 members, 10 levels deep.
void print_group(PrintContext* ctx, Object* exc) {
  if (ctx->group_depth > kMaxGroupDepth) {
    ctx->out += margin(*ctx) + absl::StrFormat("... (max_group_depth is %d)\n", kMaxGroupDepth);
    return;
  }
  bool outermost = ctx->group_depth == 0;
  if (outermost) ctx->group_depth = 1;
  print_single(ctx, exc);
  Tuple* excs = static_cast<ExceptionGroup*>(exc)->excs;
  int64_t n = excs->size <= kMaxGroupWidth ? excs->size : kMaxGroupWidth + 1;
  ctx->need_close = false;
  for (int64_t i = 0; i < n; i++) {
    bool last = i == n - 1;
    if (last) ctx->need_close = true;  // a nested group's last member may close it instead
    bool truncated = i >= kMaxGroupWidth;
    ctx->out += indent(*ctx) + (i == 0 ? "+-" : "  ") +
                (truncated ? std::string("+---------------- ... ----------------\n")
                           : absl::StrFormat("+---------------- %d ----------------\n", i + 1));
    ctx->group_depth++;
    if (!truncated) {
      print_recursive(ctx, excs->items[i]);
    } else {
      int64_t remaining = excs->size - kMaxGroupWidth;
      ctx->out += margin(*ctx) + absl::StrFormat("and %d more exception%s\n", remaining, remaining > 1 ? "s" : "");
    }
    if (last && ctx->need_close) {
      ctx->out += indent(*ctx) + "+------------------------------------\n";
      ctx->need_close = false;
    }
    ctx->group_depth--;
  }
  if (outermost) ctx->group_depth = 0;
}

void print_recursive(PrintContext* ctx, Object* exc) {
  ctx->seen.insert(exc);
  auto* be = static_cast<BaseException*>(exc);
  if (be->cause && !ctx->seen.count(be->cause)) {
    print_chained(ctx, be->cause, "The above exception was the direct cause of the following exception:\n");
  } else if (be->context && !be->suppress_context && !ctx->seen.count(be->context)) {
    print_chained(ctx, be->context, "During handling of the above exception, another exception occurred:\n");
  }
  if (is_exception_group(exc)) {
    print_group(ctx, exc);
  } else {
    print_single(ctx, exc);
  }
}

// `module.qualname`, or the bare qualname for builtins and __main__ (CPython's
// print_exception in Python/pythonrun.c).
std::string exception_type_label(Type* type) {
  Ref<> qualname(object_getattr_cstr(type, "__qualname__"));
  Ref<> module(qualname ? object_getattr_cstr(type, "__module__") : nullptr);
  if (!qualname || !is_str(qualname.get())) {
    clear_error();
    return type->name;
  }
  std::string name(str_view(qualname.get()));
  if (!module || !is_str(module.get())) {
    clear_error();
    return "<unknown>." + name;
  }
  std::string_view mod = str_view(module.get());
  if (mod == "builtins" || mod == "__main__") return name;
  return std::string(mod) + "." + name;
}

}  // namespace

std::string format_exception_only(Object* exc) {
  std::string out;
  // A SyntaxError whose location could be read prints its msg, not
  // str(exc), which repeats "(file, line N)" (CPython's print_exception).
  Ref<> msg;
  if (is_subtype(exc->ob_type, &SyntaxError_type)) {
    std::string details = syntax_error_details(exc);
    if (!details.empty()) {
      out += details;
      msg = syntax_attr(exc, "msg");
      if (msg && !is_str(msg.get())) msg = Ref<>(object_str(msg.get()));
      if (!msg) clear_error();
    } else {
      msg = exc_attr(exc, "msg");  // the compiler's, for an error without a line
    }
  }
  std::string name = exception_type_label(exc->ob_type);
  std::string text;
  if (msg && is_str(msg.get())) {
    text = std::string(str_view(msg.get()));
  } else {
    Ref<> s(object_str(exc));
    if (!s) {
      clear_error();
      text = "<exception str() failed>";
    } else {
      text = std::string(str_view(s.get()));
    }
  }
  out += text.empty() ? name + "\n" : name + ": " + text + "\n";
  return out;
}

void print_exception(Object* exc) {
  flush_std_streams();  // what the program printed comes first
  PrintContext ctx;
  print_recursive(&ctx, exc);
  write_stderr(ctx.out);
}

}  // namespace ftpy
