// See scan.h. One pass over the bytes, skipping comments and strings the way the grammar reads
// them, so a brace inside "..." or after '#' does not count.
#include "dsl/scan.h"

#include <fmt/format.h>

#include "dsl/limits.h"
#include "util/unicode.h"

namespace lockstep::dsl {
namespace {

// Line and byte column of every offset, computed incrementally while scanning forward.
class Cursor {
 public:
  Cursor(std::uint32_t file, std::string_view text) : file_(file), text_(text) {}

  SourceSpan span_at(std::size_t offset, std::size_t length) {
    for (; scanned_ < offset; ++scanned_) {
      if (text_[scanned_] == '\n') {
        ++line_;
        line_start_ = scanned_ + 1;
      }
    }
    return SourceSpan{file_, static_cast<std::uint32_t>(line_),
                      static_cast<std::uint32_t>(offset - line_start_ + 1),
                      static_cast<std::uint32_t>(length)};
  }

 private:
  std::uint32_t file_;
  std::string_view text_;
  std::size_t scanned_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
};

bool check_utf8(std::uint32_t file, std::string_view text, DiagnosticSink& sink) {
  Cursor cursor(file, text);
  bool ok = true;
  std::size_t from = 0;
  while (auto bad = util::find_invalid_utf8(text, from)) {
    ok = false;
    sink.error("E0001", cursor.span_at(*bad, 1),
               fmt::format("invalid UTF-8: byte 0x{:02X} at byte offset {} is not part of a valid "
                           "character",
                           static_cast<unsigned char>(text[*bad]), *bad),
               "not UTF-8", "rules files must be saved as UTF-8");
    if (sink.full()) {
      if (util::find_invalid_utf8(text, *bad + 1)) sink.stop();
      break;
    }
    from = *bad + 1;
  }
  return ok;
}

bool check_depth(std::uint32_t file, std::string_view text, DiagnosticSink& sink) {
  Cursor cursor(file, text);
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i)
        if (text[i] == '\\') ++i;
    } else if (c == '{') {
      if (++depth > kMaxBlockDepth) {
        sink.error("E0004", cursor.span_at(i, 1),
                   fmt::format("blocks are nested more than {} deep", kMaxBlockDepth), "too deep",
                   "a campaign holds phases and a phase holds steps: two levels");
        return false;
      }
    } else if (c == '}') {
      if (depth > 0) --depth;
    }
  }
  return true;
}

}  // namespace

bool scan_source(std::uint32_t file, std::string_view text, DiagnosticSink& sink) {
  if (text.size() > kMaxFileBytes) {
    sink.error("E0002", SourceSpan{file, 0, 0, 0},
               fmt::format("the file is {} bytes long; rules files are limited to {} bytes",
                           text.size(), kMaxFileBytes));
    return false;
  }
  if (!check_utf8(file, text, sink)) return false;
  return check_depth(file, text, sink);
}

}  // namespace lockstep::dsl
