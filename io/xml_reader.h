// A small, strict XML reader for what event logs need (XES): elements with attributes, comments,
// an XML declaration, and whitespace between elements.
//
// It is a pull parser — next() gives one element start or end at a time — so a log of millions
// of events is never held as a tree. What it does not accept is an error at its byte, never
// guessed at: a DTD or entity declaration (so no entity expansion attacks), CDATA, text content,
// undefined entities, mismatched or unclosed tags, a second root. Element nesting, the length of
// names and attribute values and the attributes of an element are bounded (io/limits.h), so no
// input makes one token grow without limit or the duplicate-attribute check quadratic.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/limits.h"

namespace lockstep::io {

struct XmlAttribute {
  std::string name;
  std::string value;            // entities decoded
  std::size_t value_begin = 0;  // byte span of the value, inside its quotes
  std::size_t value_end = 0;
};

struct XmlToken {
  enum class Kind { kStart, kEnd, kDone };
  Kind kind = Kind::kDone;
  std::string name;
  std::vector<XmlAttribute> attributes;  // kStart only
  std::size_t begin = 0;                 // byte of the tag's '<'

  // The value of attribute `name`, or nullptr.
  const XmlAttribute* find(std::string_view name) const;
};

struct XmlError {
  std::size_t offset = 0;
  std::string message;
};

class XmlReader {
 public:
  static constexpr std::size_t kMaxDepth = kMaxXmlDepth;

  XmlReader(std::string_view text, std::size_t start) : text_(text), pos_(start) {}

  // The next start or end of an element (a self-closing element gives both), or kDone after the
  // root element has closed and only whitespace and comments follow. False on malformed XML,
  // with `error` saying what was expected where; the reader must not be used after that.
  bool next(XmlToken& token, XmlError& error);

 private:
  bool skip_misc(XmlError& error);  // whitespace, comments, processing instructions
  bool read_name(std::string& name, XmlError& error);
  bool read_attribute_value(XmlAttribute& a, XmlError& error);
  bool fail(XmlError& error, std::size_t at, std::string message);

  std::string_view text_;
  std::size_t pos_;
  std::vector<std::string> open_;  // names of the elements open, outermost first
  bool root_seen_ = false;
  bool pending_end_ = false;  // a self-closing element still owes its end
  std::string pending_name_;
  std::size_t pending_begin_ = 0;
};

}  // namespace lockstep::io
