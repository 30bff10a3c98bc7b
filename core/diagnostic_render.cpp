// Rendering diagnostics: as text for people (like rustc: the place, the source line, a marker
// under the exact span, the related places, a help line) and as JSON for editors and CI.
//
// Columns shown are characters, as an editor counts them; the marker is aligned in terminal cells,
// so it sits under a Chinese name (two cells a character) exactly. Source lines are shown safely:
// tabs become spaces, control characters and invalid bytes become U+FFFD.
//
// Bounded whatever the input: no diagnostic quotes more than kExcerptColumns terminal cells of a
// source line. A long line is cut to a window around the span and a long span to its start, each
// cut marked with "…", so a 100 MB line or a 30 MB name prints a few hundred bytes. Messages,
// labels and help are shown with control characters replaced and cut at kMessageColumns: a reader
// that quotes a value quotes an excerpt of it (util::excerpt), and this is the last guard.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/source_lines.h"
#include "lockstep/diagnostic.h"
#include "util/unicode.h"

namespace lockstep {
namespace {

constexpr std::size_t kExcerptColumns = 200;   // of a source line, "…" marks included
constexpr std::size_t kMarkedColumns = 120;    // of a span; the rest of a longer one is cut
constexpr std::size_t kMessageColumns = 1000;  // of a message, a label or a help line
constexpr int kTabWidth = 4;

const char* level_name(Diagnostic::Level level) {
  switch (level) {
    case Diagnostic::Level::kError:
      return "error";
    case Diagnostic::Level::kWarning:
      return "warning";
    case Diagnostic::Level::kNote:
      return "note";
  }
  return "error";
}

struct Style {
  bool on = false;
  std::string paint(std::string_view text, const char* code) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

std::string_view path_of(const SourceFiles& files, const SourceSpan& span) {
  return span.file < files.size() ? std::string_view(files[span.file].path) : "<unknown>";
}

// The cells character `c` takes once shown (see append_visible).
std::size_t visible_width(char32_t c) {
  if (c == '\t') return kTabWidth;
  if (c < 0x20 || c == 0x7F) return 1;
  return static_cast<std::size_t>(util::display_width(c));
}

// The furthest offset from `from` towards `to` whose characters take at most `budget` cells;
// `cells` gets what they take. Costs O(budget), whatever the line's length.
std::size_t forward(std::string_view text, std::size_t from, std::size_t to, std::size_t budget,
                    std::size_t& cells) {
  cells = 0;
  std::size_t i = from;
  while (i < to) {
    std::size_t next = i;
    const std::size_t w = visible_width(util::decode_utf8(text, next));
    if (cells + w > budget) break;
    cells += w;
    i = std::min(next, to);
  }
  return i;
}

// The nearest offset to `from` going back towards `to` (to <= from) whose characters up to
// `from` take at most `budget` cells.
std::size_t backward(std::string_view text, std::size_t from, std::size_t to, std::size_t budget,
                     std::size_t& cells) {
  cells = 0;
  std::size_t i = from;
  while (i > to) {
    std::size_t start = i - 1;
    // Back to the first byte of the character (at most three continuation bytes).
    while (start > to && i - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
      --start;
    std::size_t end = start;
    const char32_t c = util::decode_utf8(text, end);
    if (end != i) start = i - 1;  // not one character: an invalid byte, shown alone
    const std::size_t w = end != i ? 1 : visible_width(c);
    if (cells + w > budget) break;
    cells += w;
    i = start;
  }
  return i;
}

// Appends text[from, to) as it should look on a terminal; returns the cells it takes.
std::size_t append_visible(std::string& out, std::string_view text, std::size_t from,
                           std::size_t to) {
  std::size_t cells = 0;
  for (std::size_t i = from; i < to;) {
    const std::size_t at = i;
    char32_t c = util::decode_utf8(text, i);
    if (i > to) i = to;
    if (c == '\t') {
      out.append(kTabWidth, ' ');
      cells += kTabWidth;
      continue;
    }
    if (c < 0x20 || c == 0x7F || (c == util::kReplacementChar && i == at + 1))
      c = util::kReplacementChar;
    util::append_utf8(out, c);
    cells += static_cast<std::size_t>(util::display_width(c));
  }
  return cells;
}

// A message, label or help as printed: control characters but line breaks shown as U+FFFD (no
// escape sequence from an input reaches the terminal), each line at most kMessageColumns cells.
std::string shown(std::string_view text) {
  std::string out;
  for (std::size_t from = 0; from <= text.size();) {
    const std::size_t nl = std::min(text.find('\n', from), text.size());
    out += util::excerpt(text.substr(from, nl - from), kMessageColumns);
    if (nl < text.size()) out += '\n';
    from = nl + 1;
  }
  return out;
}

// The location line, source line and marker of one span.
void render_place(std::string& out, const SourceFiles& files, const SourceSpan& span,
                  std::string_view level, std::string_view message, std::string_view label,
                  char marker, int gutter, const Style& style) {
  const std::string_view path = path_of(files, span);
  if (span.line == 0 || span.file >= files.size()) {
    out += fmt::format("{}: {}{}\n", path, level,
                       message.empty() ? "" : fmt::format(": {}", shown(message)));
    return;
  }
  const std::string_view text = files[span.file].text;
  const LineInText line = find_line(text, span.line);
  const std::size_t column = char_column(text, line, span.column);
  out += fmt::format("{}:{}:{}: {}: {}\n", path, span.line, column, level, shown(message));
  if (!line.found) return;

  std::size_t line_end = line.end;
  if (line_end > line.begin && text[line_end - 1] == '\r') --line_end;
  const std::size_t start = std::min(line.begin + (span.column ? span.column - 1 : 0), line_end);
  const std::size_t stop = std::min<std::size_t>(start + span.length, line_end);
  // The window: the span (its first kMarkedColumns cells when longer), then as much of the line
  // around it as kExcerptColumns leaves, before and after alike; one cell per "…" of a cut.
  std::size_t marked_cells = 0, before_cells = 0, after_cells = 0;
  const std::size_t marked_to = forward(text, start, stop, kMarkedColumns, marked_cells);
  const bool span_cut = marked_to < stop;
  const std::size_t room = kExcerptColumns - marked_cells - 2;  // two cuts at most
  const std::size_t shown_from = backward(text, start, line.begin, room / 2, before_cells);
  const std::size_t shown_to =
      span_cut ? marked_to : forward(text, stop, line_end, room - before_cells, after_cells);

  std::string source;
  std::size_t lead = 0;
  if (shown_from > line.begin) {
    source += "\u2026";
    lead = 1;
  }
  lead += append_visible(source, text, shown_from, start);
  const std::size_t cells = append_visible(source, text, start, marked_to);
  append_visible(source, text, marked_to, shown_to);
  if (shown_to < line_end) source += "\u2026";

  const std::string bar = style.paint("|", "1;34");
  out += fmt::format("{} {} {}\n", style.paint(fmt::format("{:>{}}", span.line, gutter), "1;34"),
                     bar, source);
  std::string marks(std::max<std::size_t>(cells, 1), marker);
  if (span_cut) marks += "\u2026";
  if (!label.empty()) marks += fmt::format(" {}", shown(label));
  out += fmt::format("{:>{}} {} {}{}\n", "", gutter, bar, std::string(lead, ' '),
                     style.paint(marks, marker == '^' ? "1;31" : "1;34"));
}

int digits(std::uint32_t n) {
  int d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

nlohmann::ordered_json place_json(const SourceFiles& files, const SourceSpan& span) {
  nlohmann::ordered_json j;
  j["file"] = std::string(path_of(files, span));
  j["line"] = span.line;
  std::size_t column = span.column, end_column = span.column, offset = 0;
  if (span.file < files.size() && span.line > 0) {
    const std::string_view text = files[span.file].text;
    const LineInText line = find_line(text, span.line);
    if (line.found) {
      column = char_column(text, line, span.column);
      end_column = char_column(text, line, span.column + span.length);
      offset = line.begin + span.column - 1;
    }
  }
  j["column"] = column;
  j["end_column"] = end_column;
  j["byte_offset"] = offset;
  j["byte_length"] = span.length;
  return j;
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceFiles& files, bool color) {
  const Style style{color};
  std::uint32_t widest = d.span.line;
  for (const Label& l : d.related) widest = std::max(widest, l.span.line);
  const int gutter = digits(widest);

  std::string out;
  const char* paint = d.level == Diagnostic::Level::kError     ? "1;31"
                      : d.level == Diagnostic::Level::kWarning ? "1;33"
                                                               : "1;36";
  const std::string level = style.paint(fmt::format("{}[{}]", level_name(d.level), d.code), paint);
  render_place(out, files, d.span, level, d.message, d.label, '^', gutter, style);
  for (const Label& l : d.related) {
    render_place(out, files, l.span, style.paint("note", "1;36"), l.message, {}, '-', gutter,
                 style);
  }
  if (!d.help.empty())
    out += fmt::format("{:>{}} {} {}\n", "", gutter, style.paint("help:", "1;36"), shown(d.help));
  return out;
}

std::string render_json(const Diagnostics& ds, const SourceFiles& files) {
  if (ds.empty()) return "[]\n";
  std::string out = "[\n";
  for (std::size_t i = 0; i < ds.size(); ++i) {
    const Diagnostic& d = ds[i];
    nlohmann::ordered_json j;
    j["level"] = level_name(d.level);
    j["code"] = d.code;
    j["message"] = shown(d.message);
    j.update(place_json(files, d.span));
    j["label"] = shown(d.label);
    j["help"] = shown(d.help);
    nlohmann::ordered_json related = nlohmann::ordered_json::array();
    for (const Label& l : d.related) {
      nlohmann::ordered_json r = place_json(files, l.span);
      r["message"] = shown(l.message);
      related.push_back(std::move(r));
    }
    j["related"] = std::move(related);
    // Invalid UTF-8 in a message (it quotes the source) is replaced rather than thrown on.
    out += "  " + j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += i + 1 < ds.size() ? ",\n" : "\n";
  }
  out += "]\n";
  return out;
}

}  // namespace lockstep
