// See json_tree.h.
//
// How positions are found: nlohmann's lexer pulls one byte at a time through the iterator we
// give it, and the parser reports each token (through the SAX interface) right after the lexer
// has read it, before reading on. So when a callback runs, the last byte read is the token's last
// byte — or, for a number, the byte just after it (the lexer reads one byte ahead to find where
// a number ends). From there the token's start is found by scanning back over its bytes.
#include "io/json_tree.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "io/limits.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

// An input iterator over bytes that records, in *last, the address of the last byte read.
struct TrackingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* p = nullptr;
  const char** last = nullptr;

  reference operator*() const {
    *last = p;
    return *p;
  }
  TrackingIterator& operator++() {
    ++p;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++p;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return p == o.p; }
  bool operator!=(const TrackingIterator& o) const { return p != o.p; }
};

bool is_number_byte(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

using Json = nlohmann::json;

// nlohmann's message in the user's terms. It reads "[json.exception.parse_error.101] parse error
// at line 1, column 5: syntax error while parsing object key - invalid literal; last read:
// '{"a":1,x'; expected string literal", or "[json.exception.out_of_range.406] number overflow
// parsing '1e500'": the library's identifiers, a position the diagnostic already gives (in the
// line, for JSON Lines, not the file), and a quote of everything read so far. What is kept: what
// was wrong, in what, and what was expected.
std::string plain_message(const nlohmann::detail::exception& ex) {
  std::string_view m = ex.what();
  if (const std::size_t bracket = m.find("] ");
      m.starts_with("[json.exception.") && bracket != std::string_view::npos)
    m.remove_prefix(bracket + 2);
  if (ex.id == 406) return "a number too large to be represented";
  if (m.starts_with("parse error")) {
    const std::size_t colon = m.find(": ");
    if (colon != std::string_view::npos) m.remove_prefix(colon + 2);
  }
  // "syntax error while parsing WHAT - DETAIL; last read: '...'; expected EXPECTED"
  std::string_view what, detail = m, expected;
  if (m.starts_with("syntax error while parsing ")) {
    const std::size_t dash = m.find(" - ");
    what = m.substr(27, dash == std::string_view::npos ? std::string_view::npos : dash - 27);
    detail = dash == std::string_view::npos ? std::string_view() : m.substr(dash + 3);
  }
  if (const std::size_t e = detail.find("; expected "); e != std::string_view::npos) {
    expected = detail.substr(e + 11);
    detail = detail.substr(0, e);
  }
  if (const std::size_t last = detail.find("; last read: "); last != std::string_view::npos)
    detail = detail.substr(0, last);
  std::string out(detail.empty() ? std::string_view("syntax error") : detail);
  if (!what.empty()) out += fmt::format(" in {}", what == "value" ? "a value" : what);
  if (!expected.empty()) out += fmt::format("; expected {}", expected);
  // nlohmann's "string literal" is a JSON string.
  for (std::size_t at; (at = out.find("string literal")) != std::string::npos;)
    out.replace(at, 14, "a string in double quotes");
  return util::excerpt(out, 200);
}

// The first string or number longer than kMaxFieldBytes, found before nlohmann's lexer copies
// one whole (a 100 MB string would be held twice, and quoted in its error).
std::optional<std::size_t> find_long_token(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t begin = i;
    if (text[i] == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i)
        if (text[i] == '\\') ++i;
      ++i;  // the closing quote
    } else if (is_number_byte(text[i])) {
      while (i < text.size() && is_number_byte(text[i])) ++i;
    } else {
      ++i;
      continue;
    }
    if (std::min(i, text.size()) - begin > kMaxFieldBytes) return begin;
  }
  return std::nullopt;
}

class TreeBuilder : public nlohmann::json_sax<Json> {
 public:
  TreeBuilder(std::string_view text, std::size_t base, std::size_t max_depth, JsonError& error)
      : text_(text), base_(base), max_depth_(max_depth), error_(error) {}

  const char* last = nullptr;  // updated by TrackingIterator
  std::optional<JsonValue> root;

  bool null() override { return scalar(JsonValue::Kind::kNull, 4); }
  bool boolean(bool v) override {
    JsonValue value = literal(JsonValue::Kind::kBool, v ? 4 : 5);
    value.boolean = v;
    return attach(std::move(value));
  }
  bool number_integer(number_integer_t) override { return number(); }
  bool number_unsigned(number_unsigned_t) override { return number(); }
  bool number_float(number_float_t, const string_t&) override { return number(); }
  bool string(string_t& s) override {
    JsonValue value;
    value.kind = JsonValue::Kind::kString;
    value.text = std::move(s);
    string_span(value.begin, value.end);
    return attach(std::move(value));
  }
  bool binary(binary_t&) override { return false; }  // never produced by the JSON parser
  bool start_object(std::size_t) override { return open(JsonValue::Kind::kObject); }
  bool start_array(std::size_t) override { return open(JsonValue::Kind::kArray); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& k) override {
    JsonMember& m = stack_.back().members.emplace_back();
    m.key = std::move(k);
    string_span(m.key_begin, m.key_end);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    std::size_t at = position > 0 ? position - 1 : 0;
    // A number out of range is reported after it was read: point at its first byte.
    if (ex.id == 406)
      while (at > 0 && at <= text_.size() && is_number_byte(text_[at - 1])) --at;
    error_.offset = base_ + at;
    error_.message = "invalid JSON: " + plain_message(ex);
    return false;
  }

 private:
  std::size_t at(const char* p) const { return base_ + static_cast<std::size_t>(p - text_.data()); }

  JsonValue literal(JsonValue::Kind kind, std::size_t length) {
    JsonValue value;
    value.kind = kind;
    value.end = at(last) + 1;
    value.begin = value.end - length;
    return value;
  }
  bool scalar(JsonValue::Kind kind, std::size_t length) { return attach(literal(kind, length)); }

  bool number() {
    JsonValue value;
    value.kind = JsonValue::Kind::kNumber;
    std::size_t end = static_cast<std::size_t>(last - text_.data());
    if (is_number_byte(text_[end])) ++end;  // the number ends the input: no byte read ahead
    std::size_t begin = end;
    while (begin > 0 && is_number_byte(text_[begin - 1])) --begin;
    value.text.assign(text_.substr(begin, end - begin));
    value.begin = base_ + begin;
    value.end = base_ + end;
    return attach(std::move(value));
  }

  // The span of the string token whose closing quote was the last byte read.
  void string_span(std::size_t& begin, std::size_t& end) const {
    const std::size_t close = static_cast<std::size_t>(last - text_.data());
    std::size_t i = close;
    while (i > 0) {
      --i;
      if (text_[i] != '"') continue;
      std::size_t backslashes = 0;
      while (i > backslashes && text_[i - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) break;  // an unescaped quote: the opening one
    }
    begin = base_ + i;
    end = base_ + close + 1;
  }

  bool open(JsonValue::Kind kind) {
    if (stack_.size() >= max_depth_) {
      error_.offset = at(last);
      error_.message = "JSON nested more than " + std::to_string(max_depth_) + " levels deep";
      return false;
    }
    JsonValue& value = stack_.emplace_back();
    value.kind = kind;
    value.begin = at(last);
    return true;
  }
  bool close() {
    JsonValue value = std::move(stack_.back());
    stack_.pop_back();
    value.end = at(last) + 1;
    return attach(std::move(value));
  }

  bool attach(JsonValue value) {
    if (stack_.empty()) {
      root = std::move(value);
    } else if (stack_.back().kind == JsonValue::Kind::kArray) {
      stack_.back().items.push_back(std::move(value));
    } else {
      stack_.back().members.back().value = std::move(value);
    }
    return true;
  }

  std::string_view text_;
  std::size_t base_;
  std::size_t max_depth_;
  JsonError& error_;
  std::vector<JsonValue> stack_;  // the arrays and objects being filled, outermost first
};

}  // namespace

const JsonValue* JsonValue::find(std::string_view key) const {
  for (const JsonMember& m : members)
    if (m.key == key) return &m.value;
  return nullptr;
}

const char* kind_name(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::kNull:
      return "null";
    case JsonValue::Kind::kBool:
      return "a boolean";
    case JsonValue::Kind::kNumber:
      return "a number";
    case JsonValue::Kind::kString:
      return "a string";
    case JsonValue::Kind::kArray:
      return "an array";
    case JsonValue::Kind::kObject:
      return "an object";
  }
  return "a value";
}

std::optional<JsonValue> parse_json(std::string_view text, std::size_t base, std::size_t max_depth,
                                    JsonError& error) {
  if (const auto long_token = find_long_token(text)) {
    error.offset = base + *long_token;
    error.message = fmt::format("a {} longer than {} bytes (64 KiB)",
                                text[*long_token] == '"' ? "string" : "number", kMaxFieldBytes);
    return std::nullopt;
  }
  TreeBuilder builder(text, base, max_depth, error);
  builder.last = text.data();
  TrackingIterator first{text.data(), &builder.last};
  TrackingIterator last{text.data() + text.size(), &builder.last};
  if (!Json::sax_parse(first, last, &builder) || !builder.root) {
    if (error.message.empty()) {
      error.offset = base;
      error.message = "invalid JSON";
    }
    return std::nullopt;
  }
  return std::move(builder.root);
}

}  // namespace lockstep::io
