// Literals, spans and syntax-error messages for the parser. See parse_state.h.
#include "dsl/parse_state.h"

#include <fmt/format.h>

#include "dsl/limits.h"
#include "lockstep/civil_date.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::dsl {
namespace {

constexpr std::string_view kReserved[] = {"campaign", "procedure", "import", "extends", "start",
                                          "orgtype",  "category",  "form",   "phase",   "window",
                                          "gate",     "step",      "remove", "by",      "after",
                                          "due",      "within",    "repeat", "require", "only",
                                          "except",   "advisory",  "of",     "from",    "with"};

bool is_reserved(std::string_view word) {
  for (std::string_view r : kReserved)
    if (r == word) return true;
  return false;
}

// The token that starts at `offset`, as the parser would see it, for "found ..." in messages.
struct Found {
  std::string what;
  std::size_t length = 0;
  std::string word;    // when the token is a word
  char32_t first = 0;  // its first code point
};

std::size_t word_length(std::string_view text, std::size_t offset) {
  std::size_t i = offset;
  while (i < text.size()) {
    std::size_t next = i;
    const char32_t c = util::decode_utf8(text, next);
    if (!util::is_identifier_char(c) && c != '-') break;  // '-' keeps a date in one piece
    i = next;
  }
  return i - offset;
}

Found describe_token(std::string_view text, std::size_t offset) {
  Found f;
  if (offset >= text.size()) {
    f.what = "the end of the file";
    return f;
  }
  std::size_t next = offset;
  f.first = util::decode_utf8(text, next);
  if (f.first == '\n' || f.first == '\r') {
    f.what = "the end of the line";
  } else if (f.first == '"') {
    std::size_t end = offset + 1;
    while (end < text.size() && text[end] != '"' && text[end] != '\n')
      end += text[end] == '\\' ? 2 : 1;
    f.length = std::min(end + 1, text.size()) - offset;
    f.what = "a string";
  } else if (util::is_identifier_char(f.first)) {
    f.length = word_length(text, offset);
    f.word = std::string(text.substr(offset, f.length));
    const std::string shown = util::char_count(f.word) > 40 ? f.word.substr(0, 40) + "..." : f.word;
    f.what = fmt::format("'{}'", shown);
  } else {
    f.length = next - offset;
    if (f.first < 0x20 || f.first == 0x7F)
      f.what = fmt::format("the control character U+{:04X}", static_cast<unsigned>(f.first));
    else
      f.what = fmt::format("'{}'", text.substr(offset, f.length));
  }
  return f;
}

}  // namespace

Name ParseState::name(const InputIterator& at, std::string_view word) {
  Name n{std::string(word), span(at, word.size()), static_cast<std::uint32_t>(at.byte)};
  if (word.size() > kMaxNameBytes) {
    sink.error("E0003", n.span,
               fmt::format("this name is {} bytes long; names are limited to {} bytes", word.size(),
                           kMaxNameBytes));
  }
  return n;
}

Text ParseState::string_literal(const InputIterator& at, std::string_view quoted) {
  Text t;
  t.span = span(at, quoted.size());
  const std::string_view body = quoted.substr(1, quoted.size() >= 2 ? quoted.size() - 2 : 0);
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size()) ++i;  // the grammar allows only \" and \\ .
    t.value += body[i];
  }
  if (t.value.size() > kMaxTextBytes) {
    sink.error("E0003", t.span,
               fmt::format("this string is {} bytes long; strings are limited to {} bytes",
                           t.value.size(), kMaxTextBytes));
  }
  return t;
}

std::int64_t ParseState::number(const InputIterator& at, std::string_view digits, std::int64_t max,
                                bool& too_large) {
  std::int64_t value = 0;
  too_large = false;
  for (char c : digits) {
    if (c < '0' || c > '9') break;
    value = value * 10 + (c - '0');
    if (value > max) {
      too_large = true;
      break;
    }
  }
  if (too_large) {
    sink.error("E0106", span(at, digits.size()),
               fmt::format("this number is too large; the limit here is {}", max));
    return max;
  }
  return value;
}

DurationAst ParseState::duration(const InputIterator& at, std::string_view text_of, bool negative) {
  DurationAst d;
  d.span = span(at, text_of.size());
  bool too_large = false;
  const std::int64_t amount = number(at, text_of, kMaxDurationAmount, too_large);
  d.value.amount = static_cast<std::int32_t>(negative ? -amount : amount);
  switch (text_of.back()) {
    case 'w':
      d.value.unit = Duration::Unit::kWeeks;
      break;
    case 'm':
      d.value.unit = Duration::Unit::kMonths;
      break;
    default:
      d.value.unit = Duration::Unit::kDays;
      break;
  }
  return d;
}

DateAst ParseState::date(const InputIterator& at, std::string_view text_of) {
  DateAst d;
  d.span = span(at, text_of.size());
  const auto field = [&](std::size_t from, std::size_t length) {
    int v = 0;
    for (char c : text_of.substr(from, length)) v = v * 10 + (c - '0');
    return v;
  };
  d.year = field(0, 4), d.month = field(5, 2), d.day = field(8, 2);
  const CivilDate date{d.year, d.month, d.day};
  const std::optional<DayNumber> days =
      is_valid_date(date) ? std::optional(days_from_civil(date)) : std::nullopt;
  if (d.year < kMinYear || d.year > kMaxYear) {
    sink.error("E0105", d.span,
               fmt::format("the year {} is out of range; dates run from {} to {}", d.year, kMinYear,
                           kMaxYear));
  } else if (!days) {
    const bool bad_month = d.month < 1 || d.month > 12;
    sink.error("E0105", d.span, fmt::format("{} is not a date", text_of), "no such day",
               bad_month ? "months run from 01 to 12"
                         : fmt::format("{:04}-{:02} has {} days", d.year, d.month,
                                       days_in_month(d.year, d.month)));
  } else {
    d.days = *days;
    d.valid = true;
  }
  return d;
}

void ParseState::comment(const InputIterator& at, std::string_view text_of) {
  while (!text_of.empty() &&
         (text_of.back() == '\r' || text_of.back() == ' ' || text_of.back() == '\t'))
    text_of.remove_suffix(1);
  CommentAst c{std::string(text_of), static_cast<std::uint32_t>(at.byte), true};
  for (std::size_t i = at.byte; i > 0 && text[i - 1] != '\n'; --i) {
    if (text[i - 1] != ' ' && text[i - 1] != '\t') {
      c.own_line = false;
      break;
    }
  }
  ast.comments.push_back(std::move(c));
}

void ParseState::syntax_error(const InputIterator& at, const char* expected, const char* code,
                              std::string_view closing, SourceSpan opened,
                              const std::vector<std::string_view>* keywords) {
  const Found found = describe_token(text, at.byte);
  Diagnostic d;
  d.code = code;
  d.span = span(at, found.length);
  if (closing.empty()) {
    d.message = fmt::format("{}; found {}", expected, found.what);
  } else {
    d.message = fmt::format("{} {}; found {}", expected, closing, found.what);
    d.related.push_back(Label{opened, "the block opened here"});
    d.help = "every '{' needs a matching '}'";
  }
  if (const char ascii = util::ascii_lookalike(found.first)) {
    d.help = fmt::format("write the ASCII '{}' instead of '{}'", ascii,
                         text.substr(at.byte, found.length));
  } else if (!found.word.empty() && keywords != nullptr) {
    if (found.word == "step" || found.word == "window" || found.word == "gate")
      d.help = fmt::format("'{}' declarations belong inside a phase's {{ }}", found.word);
    else
      d.help = util::did_you_mean(found.word, *keywords);
  } else if (!found.word.empty() && is_reserved(found.word) &&
             std::string_view(expected).find("name") != std::string_view::npos) {
    d.help = fmt::format("'{}' is a keyword and cannot be used as a name", found.word);
  }
  pending = std::move(d);
}

}  // namespace lockstep::dsl
