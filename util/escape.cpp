// See escape.h.
#include "util/escape.h"

namespace lockstep::util {
namespace {

// The entity that stands for `c`, or nullptr when `c` stands for itself.
const char* entity_for(char c, Markup markup) {
  switch (c) {
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '&':
      return "&amp;";
    case '"':
      return "&quot;";
    case '\'':
      return markup == Markup::kXml ? "&apos;" : "&#39;";
    default:
      return nullptr;
  }
}

}  // namespace

void write_csv_field(std::ostream& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out << field;
    return;
  }
  out << '"';
  for (char c : field) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

std::string escape_markup(std::string_view text, Markup markup) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (const char* entity = entity_for(c, markup))
      out += entity;
    else
      out += c;
  }
  return out;
}

}  // namespace lockstep::util
