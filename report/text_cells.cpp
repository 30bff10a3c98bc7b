// The cells and section titles the terminal reports share (text_cells.h).
#include "report/text_cells.h"

#include <fmt/format.h>

namespace lockstep::report {

std::string percent(std::optional<double> rate) {
  return rate ? fmt::format("{:.1f}%", *rate * 100.0) : std::string("-");
}

Style rate_style(std::optional<double> rate) {
  if (!rate) return Style::kDim;
  if (*rate >= 0.95) return Style::kGreen;
  return *rate >= 0.8 ? Style::kYellow : Style::kRed;
}

Cell count(std::uint64_t n, Style when_nonzero) {
  return Cell(grouped(n), n > 0 ? when_nonzero : Style::kPlain);
}

void section(std::string& out, const char* title, bool color) {
  out += '\n';
  if (color) out += ansi_start(Style::kBold);
  out += title;
  if (color) out += kAnsiReset;
  out += '\n';
}

namespace {

std::string kinds_text(const std::vector<KindCount>& kinds) {
  std::string out;
  for (const KindCount& k : kinds) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", k.kind, grouped(k.total()));
  }
  return out.empty() ? "-" : out;
}

}  // namespace

std::string phases_table(const std::vector<PhaseRow>& rows, bool color) {
  Table t({{"Phase", Align::kLeft, kNameWidth},
           {"Required", Align::kRight},
           {"On time", Align::kRight},
           {"Late", Align::kRight},
           {"Overdue", Align::kRight},
           {"Excused", Align::kRight},
           {"Open", Align::kRight},
           {"On-time rate", Align::kRight},
           {"Violations by kind", Align::kLeft, 48}});
  for (const PhaseRow& row : rows) {
    const Progress& g = row.progress;
    const std::optional<double> rate = g.on_time_rate();
    t.add_row({row.name, count(g.required), count(g.on_time), count(g.late, Style::kYellow),
               count(g.overdue, Style::kRed), count(g.excused), count(g.open()),
               Cell(percent(rate), rate_style(rate)), kinds_text(row.by_kind)});
  }
  return t.render(color);
}

std::string kinds_table(const std::vector<KindCount>& kinds, bool color) {
  Table t({{"Kind", Align::kLeft, kNameWidth},
           {"Required", Align::kRight},
           {"Advisory", Align::kRight},
           {"Total", Align::kRight}});
  for (const KindCount& k : kinds)
    t.add_row({k.kind, count(k.required, Style::kRed), count(k.advisory, Style::kYellow),
               count(k.total())});
  return t.render(color);
}

}  // namespace lockstep::report
