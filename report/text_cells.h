// The cells, section titles and tables the terminal reports share: the campaign report
// (render_report_text) and the national summary of a sharded simulation (sim/sharded.h). One look
// for rates, counts, titles and the per-phase and per-kind tables, so the two read alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/grouped.h"  // grouped(): counts for people to read
#include "report/summary.h"
#include "report/table.h"

namespace lockstep::report {

// Names are cut at this width in tables, so one long name cannot push every column off screen.
inline constexpr std::size_t kNameWidth = 24;
inline constexpr std::size_t kMessageWidth = 60;

// "97.5%", or "-" when there is no rate (nothing was due yet).
std::string percent(std::optional<double> rate);
// Green from 95%, yellow from 80%, red below; dim without a rate.
Style rate_style(std::optional<double> rate);

// A count (grouped), in `when_nonzero` when it is not zero.
Cell count(std::uint64_t n, Style when_nonzero = Style::kPlain);
// A blank line, then `title` (bold in colour) on its own line.
void section(std::string& out, const char* title, bool color);

// One row of the phases table: the phase's display name, its required work, its violations.
struct PhaseRow {
  std::string name;
  Progress progress;
  std::vector<KindCount> by_kind;  // in the order shown
};

// Phase, required, on time, late, overdue, excused, open, on-time rate, violations by kind.
std::string phases_table(const std::vector<PhaseRow>& rows, bool color);
// Kind, required, advisory, total: one row per kind, in the order given.
std::string kinds_table(const std::vector<KindCount>& kinds, bool color);

}  // namespace lockstep::report
