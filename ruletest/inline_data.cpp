// Inline records to reader text and back (inline_data.h).
#include "ruletest/inline_data.h"

#include <string_view>

namespace lockstep::ruletest {
namespace {

constexpr std::string_view kDefaultEventHeader =
    "time,who,kind,step,hours,chars,count,form,reason,approver,key";

// Fields of a CSV record: commas outside quotes, plus one.
std::size_t field_count(std::string_view record) {
  std::size_t fields = 1;
  bool quoted = false;
  for (char c : record) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) ++fields;
  }
  return fields;
}

void add_line(InlineText& out, std::string_view line, std::uint32_t from_line,
              std::uint32_t from_column) {
  out.text.append(line);
  out.text += '\n';
  out.origin.emplace_back(from_line, from_column);
}

void move_span(SourceSpan& span, const InlineText& text, const SourceSpan& section) {
  if (span.file != 0) return;
  if (span.line == 0 || span.line > text.origin.size() || text.origin[span.line - 1].first == 0) {
    span = section;
    return;
  }
  const auto [line, column] = text.origin[span.line - 1];
  span.line = line;
  span.column = span.column == 0 ? column : span.column + column - 1;
}

}  // namespace

InlineText roster_text(const std::vector<InlineLine>& lines) {
  InlineText out;
  for (const InlineLine& l : lines) add_line(out, l.text, l.line, l.column);
  return out;
}

InlineText events_text(const std::vector<InlineLine>& lines) {
  InlineText out;
  std::size_t first = 0;
  std::size_t columns = 0;
  if (!lines.empty() && lines.front().text.starts_with("time,")) {
    add_line(out, lines.front().text, lines.front().line, lines.front().column);
    columns = field_count(lines.front().text);
    first = 1;
  } else {
    add_line(out, kDefaultEventHeader, 0, 0);
    columns = field_count(kDefaultEventHeader);
  }
  for (std::size_t i = first; i < lines.size(); ++i) {
    std::string record = lines[i].text;
    // Short records get their missing trailing fields, empty; long ones are left for the
    // reader to refuse (V005, pointing at the record).
    for (std::size_t n = field_count(record); n < columns; ++n) record += ',';
    add_line(out, record, lines[i].line, lines[i].column);
  }
  return out;
}

void point_into_test(Diagnostics& diagnostics, const InlineText& text, const SourceSpan& section) {
  for (Diagnostic& d : diagnostics) {
    move_span(d.span, text, section);
    for (Label& l : d.related) move_span(l.span, text, section);
  }
}

}  // namespace lockstep::ruletest
