// The words of one directive line of a `.locktest` file: blank-separated words, a word in double
// quotes keeping its blanks ("镇机关 第一支部"), and a `#` at the start of a word ending the line
// (a comment). There are no escapes: a quoted word holds no `"`.
//
// Invariants: every token views the line it came from (which must outlive it); columns are 1-based
// byte columns of the file; a line yields at most kMaxTokens tokens, so a hostile line cannot make
// the parser hold more than that.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace lockstep::ruletest {

struct Token {
  std::string_view text;  // without its quotes
  bool quoted = false;
  std::uint32_t column = 1;  // of its first byte (its opening quote when quoted)
  std::uint32_t length = 0;  // in the file, quotes included
};

struct LineTokens {
  static constexpr std::size_t kMaxTokens = 64;
  std::vector<Token> tokens;
  // Set when the line cannot be split: the column of an unterminated quote, or of the first word
  // beyond kMaxTokens.
  std::uint32_t unterminated_quote = 0;
  std::uint32_t too_many_at = 0;
  // The text after the first word (the keyword), up to a comment, without surrounding blanks:
  // what `test` takes as the name when it is not quoted.
  std::string_view rest_after_first;
  std::uint32_t rest_column = 0;
};

// Splits `line`, whose first byte is at byte column `first_column` of the file.
LineTokens split_line(std::string_view line, std::uint32_t first_column);

}  // namespace lockstep::ruletest
