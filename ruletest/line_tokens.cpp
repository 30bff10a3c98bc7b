// Splitting a directive line into words (line_tokens.h). Byte-wise: every byte that is not a blank,
// a quote or a `#` at a word's start belongs to a word, so UTF-8 (Chinese names) passes unchanged.
#include "ruletest/line_tokens.h"

namespace lockstep::ruletest {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

}  // namespace

LineTokens split_line(std::string_view line, std::uint32_t first_column) {
  LineTokens out;
  std::size_t i = 0;
  std::size_t rest_begin = std::string_view::npos, rest_end = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i == line.size() || line[i] == '#') break;
    if (out.tokens.size() == LineTokens::kMaxTokens) {
      out.too_many_at = first_column + static_cast<std::uint32_t>(i);
      break;
    }
    Token t;
    t.column = first_column + static_cast<std::uint32_t>(i);
    const std::size_t begin = i;
    if (line[i] == '"') {
      const std::size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) {
        out.unterminated_quote = t.column;
        break;
      }
      t.quoted = true;
      t.text = line.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      while (i < line.size() && !is_blank(line[i]) && line[i] != '"') ++i;
      t.text = line.substr(begin, i - begin);
    }
    t.length = static_cast<std::uint32_t>(i - begin);
    if (!out.tokens.empty()) {
      if (rest_begin == std::string_view::npos) rest_begin = begin;
      rest_end = i;
    }
    out.tokens.push_back(t);
  }
  if (rest_begin != std::string_view::npos) {
    out.rest_after_first = line.substr(rest_begin, rest_end - rest_begin);
    out.rest_column = first_column + static_cast<std::uint32_t>(rest_begin);
  }
  return out;
}

}  // namespace lockstep::ruletest
