// See source_lines.h.
#include "core/source_lines.h"

#include <algorithm>

#include "util/unicode.h"

namespace lockstep {

LineInText find_line(std::string_view text, std::uint32_t line) {
  LineInText out;
  if (line == 0) return out;
  std::size_t begin = 0;
  for (std::uint32_t l = 1; l < line; ++l) {
    const std::size_t nl = text.find('\n', begin);
    if (nl == std::string_view::npos) return out;
    begin = nl + 1;
  }
  if (begin > text.size()) return out;
  const std::size_t nl = text.find('\n', begin);
  out.begin = begin;
  out.end = nl == std::string_view::npos ? text.size() : nl;
  out.found = true;
  return out;
}

std::size_t char_column(std::string_view text, const LineInText& line, std::uint32_t byte_column) {
  if (!line.found || byte_column == 0) return byte_column;
  const std::size_t until = std::min(line.end, line.begin + byte_column - 1);
  return util::char_count(text.substr(line.begin, until - line.begin)) + 1;
}

}  // namespace lockstep
