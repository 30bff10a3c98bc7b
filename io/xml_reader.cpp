// See xml_reader.h.
#include "io/xml_reader.h"

#include <fmt/format.h>

#include "util/unicode.h"

namespace lockstep::io {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':';
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

}  // namespace

const XmlAttribute* XmlToken::find(std::string_view name) const {
  for (const XmlAttribute& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}

bool XmlReader::fail(XmlError& error, std::size_t at, std::string message) {
  error.offset = at;
  error.message = std::move(message);
  return false;
}

bool XmlReader::skip_misc(XmlError& error) {
  for (;;) {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    if (text_.substr(pos_, 4) == "<!--") {
      const std::size_t end = text_.find("-->", pos_ + 4);
      if (end == std::string_view::npos)
        return fail(error, pos_, "unterminated comment: expected '-->'");
      pos_ = end + 3;
    } else if (text_.substr(pos_, 2) == "<?") {
      const std::size_t end = text_.find("?>", pos_ + 2);
      if (end == std::string_view::npos)
        return fail(error, pos_, "unterminated processing instruction: expected '?>'");
      pos_ = end + 2;
    } else if (text_.substr(pos_, 2) == "<!") {
      return fail(error, pos_,
                  "DTDs, entity declarations and CDATA sections are not accepted in event logs");
    } else {
      return true;
    }
  }
}

bool XmlReader::read_name(std::string& name, XmlError& error) {
  const std::size_t begin = pos_;
  if (pos_ >= text_.size() || !is_name_start(text_[pos_]))
    return fail(error, pos_, "expected a name (a letter, '_' or ':' first)");
  while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
  if (pos_ - begin > kMaxXmlNameBytes)
    return fail(error, begin, fmt::format("a name longer than {} bytes", kMaxXmlNameBytes));
  name.assign(text_.substr(begin, pos_ - begin));
  return true;
}

bool XmlReader::read_attribute_value(XmlAttribute& a, XmlError& error) {
  if (pos_ >= text_.size() || (text_[pos_] != '"' && text_[pos_] != '\''))
    return fail(error, pos_, "expected a quoted attribute value");
  const char quote = text_[pos_++];
  a.value_begin = pos_;
  a.value.clear();
  for (;;) {
    if (pos_ >= text_.size()) return fail(error, a.value_begin - 1, "unterminated attribute value");
    const char c = text_[pos_];
    if (c == quote) break;
    // Checked as it grows: an endless value is refused at its start, after a bounded copy.
    if (a.value.size() >= kMaxFieldBytes)
      return fail(error, a.value_begin - 1,
                  fmt::format("an attribute value longer than {} bytes (64 KiB)", kMaxFieldBytes));
    if (c == '<') return fail(error, pos_, "'<' in an attribute value: write &lt;");
    if (c != '&') {
      a.value.push_back(c);
      ++pos_;
      continue;
    }
    const std::size_t semi = text_.find(';', pos_);
    if (semi == std::string_view::npos || semi - pos_ > 10)
      return fail(error, pos_, "'&' that starts no entity: write &amp;");
    const std::string_view entity = text_.substr(pos_ + 1, semi - pos_ - 1);
    if (entity == "lt")
      a.value.push_back('<');
    else if (entity == "gt")
      a.value.push_back('>');
    else if (entity == "amp")
      a.value.push_back('&');
    else if (entity == "quot")
      a.value.push_back('"');
    else if (entity == "apos")
      a.value.push_back('\'');
    else if (entity.size() > 1 && entity[0] == '#') {
      const bool hex = entity[1] == 'x';
      std::uint32_t code = 0;
      bool digits_ok = entity.size() > (hex ? 2u : 1u);
      for (std::size_t i = hex ? 2 : 1; i < entity.size() && digits_ok; ++i) {
        const char d = entity[i];
        int v = -1;
        if (d >= '0' && d <= '9')
          v = d - '0';
        else if (hex && d >= 'a' && d <= 'f')
          v = d - 'a' + 10;
        else if (hex && d >= 'A' && d <= 'F')
          v = d - 'A' + 10;
        digits_ok = v >= 0;
        code = code * (hex ? 16 : 10) + static_cast<std::uint32_t>(v < 0 ? 0 : v);
        if (code > 0x10FFFF) digits_ok = false;
      }
      const bool valid = digits_ok && code != 0 && (code < 0xD800 || code > 0xDFFF);
      if (!valid)
        return fail(error, pos_,
                    fmt::format("'&{};' is not a valid character", util::excerpt(entity)));
      util::append_utf8(a.value, static_cast<char32_t>(code));
    } else {
      return fail(error, pos_,
                  fmt::format("unknown entity '&{};': expected &lt; &gt; &amp; &quot; &apos; or "
                              "a character reference",
                              util::excerpt(entity)));
    }
    pos_ = semi + 1;
  }
  a.value_end = pos_;
  ++pos_;  // the closing quote
  return true;
}

bool XmlReader::next(XmlToken& token, XmlError& error) {
  token.attributes.clear();
  if (pending_end_) {
    pending_end_ = false;
    token.kind = XmlToken::Kind::kEnd;
    token.name = std::move(pending_name_);
    token.begin = pending_begin_;
    open_.pop_back();
    return true;
  }
  if (!skip_misc(error)) return false;
  if (pos_ >= text_.size()) {
    if (!open_.empty())
      return fail(
          error, pos_,
          fmt::format("unexpected end of input: <{}> is not closed", util::excerpt(open_.back())));
    if (!root_seen_) return fail(error, pos_, "no root element: expected <log>");
    token.kind = XmlToken::Kind::kDone;
    return true;
  }
  if (text_[pos_] != '<') {
    return fail(error, pos_,
                open_.empty() ? "text outside the root element"
                              : "text inside an element: event logs hold only "
                                "elements and attributes");
  }
  token.begin = pos_;
  ++pos_;
  if (pos_ < text_.size() && text_[pos_] == '/') {
    ++pos_;
    if (!read_name(token.name, error)) return false;
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    if (pos_ >= text_.size() || text_[pos_] != '>') return fail(error, pos_, "expected '>'");
    ++pos_;
    if (open_.empty() || open_.back() != token.name) {
      return fail(error, token.begin,
                  open_.empty()
                      ? fmt::format("</{}> closes nothing", util::excerpt(token.name))
                      : fmt::format("</{}> where </{}> was expected", util::excerpt(token.name),
                                    util::excerpt(open_.back())));
    }
    open_.pop_back();
    token.kind = XmlToken::Kind::kEnd;
    return true;
  }
  if (open_.empty() && root_seen_) return fail(error, token.begin, "a second root element");
  if (!read_name(token.name, error)) return false;
  for (;;) {
    const std::size_t before_space = pos_;
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    if (pos_ >= text_.size())
      return fail(error, token.begin,
                  fmt::format("unterminated tag <{}", util::excerpt(token.name)));
    if (text_[pos_] == '>' || text_.substr(pos_, 2) == "/>") break;
    if (pos_ == before_space) return fail(error, pos_, "expected a space before the attribute");
    if (token.attributes.size() == kMaxXmlAttributes)
      return fail(error, pos_,
                  fmt::format("more than {} attributes on one element", kMaxXmlAttributes));
    XmlAttribute& a = token.attributes.emplace_back();
    const std::size_t name_at = pos_;
    if (!read_name(a.name, error)) return false;
    for (std::size_t i = 0; i + 1 < token.attributes.size(); ++i)
      if (token.attributes[i].name == a.name)
        return fail(error, name_at,
                    fmt::format("attribute '{}' given twice", util::excerpt(a.name)));
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    if (pos_ >= text_.size() || text_[pos_] != '=')
      return fail(error, pos_, "expected '=' after the attribute name");
    ++pos_;
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    if (!read_attribute_value(a, error)) return false;
  }
  if (open_.size() >= kMaxDepth)
    return fail(error, token.begin, fmt::format("elements nested more than {} deep", kMaxDepth));
  root_seen_ = true;
  open_.push_back(token.name);
  token.kind = XmlToken::Kind::kStart;
  if (text_[pos_] == '/') {
    pos_ += 2;
    pending_end_ = true;
    pending_name_ = token.name;
    pending_begin_ = token.begin;
  } else {
    ++pos_;
  }
  return true;
}

}  // namespace lockstep::io
