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
  return Cell(std::to_string(n), n > 0 ? when_nonzero : Style::kPlain);
}

void section(std::string& out, const char* title, bool color) {
  out += '\n';
  if (color) out += ansi_start(Style::kBold);
  out += title;
  if (color) out += kAnsiReset;
  out += '\n';
}

}  // namespace lockstep::report
