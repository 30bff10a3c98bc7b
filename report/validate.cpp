// validate_report: the invariants of include/lockstep/report.h, checked one by one. Producers run
// it in their tests; renderers do not depend on it (they look names up safely).
#include <fmt/format.h>

#include "lockstep/report.h"

namespace lockstep {
namespace {

// Reports at most this many problems of one kind: a broken producer would otherwise print one
// line per cell of a national campaign.
constexpr std::size_t kMaxPerKind = 20;

class Problems {
 public:
  template <typename... Args>
  void add(std::size_t& count, fmt::format_string<Args...> f, Args&&... args) {
    if (count++ < kMaxPerKind) list.push_back(fmt::format(f, std::forward<Args>(args)...));
  }
  std::vector<std::string> list;
};

}  // namespace

std::vector<std::string> validate_report(const CampaignReport& r) {
  Problems p;
  std::size_t windows = 0, steps = 0, units = 0, cells = 0, violations = 0, burn = 0, forecasts = 0;
  for (std::size_t i = 0; i < r.phases.size(); ++i) {
    for (const ReportWindow& w : r.phases[i].windows) {
      if (w.org_type >= r.org_types.size())
        p.add(windows, "phase {} has a window for org type {}, of {}", i, w.org_type,
              r.org_types.size());
      if (w.end < w.start) p.add(windows, "phase {} has a window that ends before it starts", i);
    }
  }
  for (std::size_t i = 0; i < r.steps.size(); ++i)
    if (r.steps[i].phase >= r.phases.size())
      p.add(steps, "step {} names phase {}, of {}", i, r.steps[i].phase, r.phases.size());
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    const ReportUnit& u = r.units[i];
    if (u.org_type >= r.org_types.size())
      p.add(units, "unit {} names org type {}, of {}", i, u.org_type, r.org_types.size());
    if (u.group != kNoIndex && u.group >= r.groups.size())
      p.add(units, "unit {} names supervision group {}, of {}", i, u.group, r.groups.size());
  }
  for (std::size_t i = 0; i < r.cells.size(); ++i) {
    const ReportCell& c = r.cells[i];
    if (c.unit >= r.units.size() || c.step >= r.steps.size())
      p.add(cells, "cell {} names unit {} and step {}, out of range", i, c.unit, c.step);
    const std::uint64_t done = std::uint64_t{c.on_time} + c.late + c.excused;
    if (done > c.required || done + c.overdue > c.required)
      p.add(cells, "cell {} counts more done or overdue than required ({})", i, c.required);
  }
  for (std::size_t i = 0; i < r.violations.size(); ++i) {
    const ReportViolation& v = r.violations[i];
    if (v.unit >= r.units.size())
      p.add(violations, "violation {} names unit {}, of {}", i, v.unit, r.units.size());
    if (v.phase >= r.phases.size())
      p.add(violations, "violation {} names phase {}, of {}", i, v.phase, r.phases.size());
    if (v.step != kNoIndex && (v.step >= r.steps.size() || r.steps[v.step].phase != v.phase))
      p.add(violations, "violation {} names step {}, not a step of its phase", i, v.step);
  }
  if (!r.burn_down.open_by_phase.empty() && r.burn_down.open_by_phase.size() != r.phases.size())
    p.add(burn, "the burn-down has {} series for {} phases", r.burn_down.open_by_phase.size(),
          r.phases.size());
  for (std::size_t i = 0; i < r.forecasts.size(); ++i) {
    const ReportForecast& f = r.forecasts[i];
    if (f.unit >= r.units.size() || f.step >= r.steps.size())
      p.add(forecasts, "forecast {} names unit {} and step {}, out of range", i, f.unit, f.step);
    if (!(f.on_time_probability >= 0 && f.on_time_probability <= 1))
      p.add(forecasts, "forecast {} has a probability outside 0..1", i);
  }
  return std::move(p.list);
}

}  // namespace lockstep
