// Unicode character names; see unicode_names.h.
#include "ftpy/unicode_names.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace ftpy {

namespace {

// NameAliases.txt lines: `code point;alias;type`, `#` comments.
absl::flat_hash_map<std::string, uint32_t> load_aliases() {
  absl::flat_hash_map<std::string, uint32_t> aliases;
  std::ifstream in(FTPY_UNICODE_DATA_DIR "/NameAliases.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = absl::StrSplit(line, ';');
    if (fields.size() < 2) continue;
    char* end = nullptr;
    unsigned long cp = std::strtoul(fields[0].c_str(), &end, 16);
    if (end == fields[0].c_str() || cp > 0x10FFFF) continue;
    aliases.emplace(absl::AsciiStrToUpper(fields[1]), static_cast<uint32_t>(cp));
  }
  return aliases;
}

}  // namespace

std::optional<uint32_t> lookup_unicode_name(std::string_view name) {
  std::string upper = absl::AsciiStrToUpper(std::string(name));
  UErrorCode error = U_ZERO_ERROR;
  UChar32 cp = u_charFromName(U_UNICODE_CHAR_NAME, upper.c_str(), &error);
  if (U_SUCCESS(error)) return static_cast<uint32_t>(cp);
  static const absl::flat_hash_map<std::string, uint32_t> aliases = load_aliases();
  auto it = aliases.find(upper);
  if (it != aliases.end()) return it->second;
  return std::nullopt;
}

bool normalize_identifier(std::string_view word, std::string* out, uint32_t* bad, int* bad_index) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
  bool first = true;
  int index = 0;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1), index++) {
    UChar32 cp = text.char32At(i);
    bool ok = cp == '_' || u_hasBinaryProperty(cp, first ? UCHAR_XID_START : UCHAR_XID_CONTINUE);
    if (!ok) {
      *bad = static_cast<uint32_t>(cp);
      *bad_index = index;
      return false;
    }
    first = false;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) {
    *out = std::string(word);  // no normalization data: keep the spelling
    return true;
  }
  icu::UnicodeString normalized = nfkc->normalize(text, status);
  out->clear();
  if (U_FAILURE(status)) *out = std::string(word);
  else normalized.toUTF8String(*out);
  return true;
}

}  // namespace ftpy
