// Escaping text for the formats Lockstep writes, so that whatever a name holds (a comma, a quote,
// "</script>") it reads back as the same text and never changes the structure around it.
//
// Invariants: only the characters listed are changed, byte for byte; everything else (UTF-8
// included) is copied unchanged, so escaping never splits a character.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace lockstep::util {

// One CSV field (RFC 4180): as it is unless it holds a comma, a quote or a line break; then in
// quotes, with its quotes doubled.
void write_csv_field(std::ostream& out, std::string_view field);

// XML and HTML differ in one entity: HTML 4 has no &apos;, so HTML pages write &#39;.
enum class Markup { kXml, kHtml };

// `text` as XML or HTML element content or a quoted attribute value: < > & " and ' become
// entities.
std::string escape_markup(std::string_view text, Markup markup);

}  // namespace lockstep::util
