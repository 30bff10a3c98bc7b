// The text table of every unit that `status` prints; see render_units_text() in output.h.
#include <fmt/format.h>

#include "report/output.h"
#include "report/summary.h"
#include "report/table.h"

namespace lockstep::report {

std::string render_units_text(const CampaignReport& r, std::size_t max_rows) {
  const ReportSummary s = summarize(r, 0);
  Table t({{"Unit", Align::kLeft, 24},
           {"Org type", Align::kLeft, 12},
           {"Required", Align::kRight},
           {"Done", Align::kRight},
           {"Late", Align::kRight},
           {"Overdue", Align::kRight},
           {"Open", Align::kRight},
           {"On-time rate", Align::kRight},
           {"Violations", Align::kRight}});
  std::size_t listed = 0, total = 0;
  for (const UnitSummary& u : s.units) {
    const Progress& g = u.progress;
    if (g.required == 0) continue;
    ++total;
    if (listed == max_rows) continue;
    ++listed;
    const std::optional<double> rate = g.on_time_rate();
    t.add_row({name_of(r.units, u.unit), name_of(r.org_types, r.units[u.unit].org_type),
               std::to_string(g.required), std::to_string(g.done()), std::to_string(g.late),
               std::to_string(g.overdue), std::to_string(g.open()),
               rate ? fmt::format("{:.1f}%", *rate * 100.0) : std::string("-"),
               std::to_string(u.violations)});
  }
  std::string out = "\nUnits\n" + t.render(false);
  if (total > listed)
    out += fmt::format("... and {} more (--format json lists them all)\n", total - listed);
  return out;
}

}  // namespace lockstep::report
