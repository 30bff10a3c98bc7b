#include "report/summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace lockstep::report {
namespace {

void count_kind(std::map<std::string, KindCount>& counts, const ReportViolation& v) {
  KindCount& k = counts[v.kind];
  k.kind = v.kind;
  (v.severity == Severity::kRequired ? k.required : k.advisory) += 1;
}

std::vector<KindCount> to_vector(const std::map<std::string, KindCount>& counts) {
  std::vector<KindCount> out;
  out.reserve(counts.size());
  for (const auto& [kind, count] : counts) out.push_back(count);
  return out;
}

}  // namespace

double round_rate(double rate) {
  return std::round(rate * 10000.0) / 10000.0;
}

const char* severity_name(Severity s) {
  return s == Severity::kRequired ? "required" : "advisory";
}

std::optional<double> Progress::on_time_rate() const {
  const std::uint64_t due = on_time + late + overdue;
  if (due == 0) return std::nullopt;
  return round_rate(static_cast<double>(on_time) / static_cast<double>(due));
}

void Progress::add(const ReportCell& cell) {
  // Clamp what a malformed cell claims, so that open() can never wrap around.
  const std::uint64_t on = std::min(cell.on_time, cell.required);
  const std::uint64_t lt = std::min<std::uint64_t>(cell.late, cell.required - on);
  const std::uint64_t ex = std::min<std::uint64_t>(cell.excused, cell.required - on - lt);
  required += cell.required;
  on_time += on;
  late += lt;
  excused += ex;
  overdue += std::min<std::uint64_t>(cell.overdue, cell.required - on - lt - ex);
}

ReportSummary summarize(const CampaignReport& report, std::size_t worst_count) {
  ReportSummary s;
  s.phases.resize(report.phases.size());
  for (std::uint32_t p = 0; p < s.phases.size(); ++p) s.phases[p].phase = p;
  s.units.resize(report.units.size());
  for (std::uint32_t u = 0; u < s.units.size(); ++u) s.units[u].unit = u;
  // One slot per group, and a last one for units under none.
  std::vector<GroupSummary> groups(report.groups.size() + 1);
  for (std::uint32_t g = 0; g < report.groups.size(); ++g) groups[g].group = g;
  const auto group_slot = [&](std::uint32_t unit) -> GroupSummary& {
    const std::uint32_t g = unit < report.units.size() ? report.units[unit].group : kNoIndex;
    return groups[g < report.groups.size() ? g : report.groups.size()];
  };
  for (std::uint32_t u = 0; u < report.units.size(); ++u) group_slot(u).units++;

  for (const ReportCell& cell : report.cells) {
    if (cell.step >= report.steps.size() || cell.unit >= report.units.size()) continue;
    const ReportStep& step = report.steps[cell.step];
    if (step.severity != Severity::kRequired) continue;
    s.progress.add(cell);
    if (step.phase < s.phases.size()) s.phases[step.phase].progress.add(cell);
    s.units[cell.unit].progress.add(cell);
    group_slot(cell.unit).progress.add(cell);
  }

  std::map<std::string, KindCount> all_kinds;
  std::vector<std::map<std::string, KindCount>> phase_kinds(report.phases.size());
  std::vector<std::map<std::string, KindCount>> group_kinds(groups.size());
  for (const ReportViolation& v : report.violations) {
    const bool required = v.severity == Severity::kRequired;
    s.violations++;
    s.required_violations += required;
    count_kind(all_kinds, v);
    if (v.phase < s.phases.size()) {
      s.phases[v.phase].violations++;
      count_kind(phase_kinds[v.phase], v);
    }
    if (v.unit < s.units.size()) {
      s.units[v.unit].violations++;
      s.units[v.unit].required_violations += required;
    }
    GroupSummary& g = group_slot(v.unit);
    g.violations++;
    g.required_violations += required;
    count_kind(group_kinds[static_cast<std::size_t>(&g - &groups[0])], v);
  }
  s.by_kind = to_vector(all_kinds);
  for (std::size_t p = 0; p < s.phases.size(); ++p) s.phases[p].by_kind = to_vector(phase_kinds[p]);
  for (std::size_t g = 0; g < groups.size(); ++g) groups[g].by_kind = to_vector(group_kinds[g]);
  // The "no group" slot is shown only when some unit is in it.
  if (groups.back().units == 0 && groups.back().violations == 0) groups.pop_back();
  for (GroupSummary& g : groups) s.groups.push_back(std::move(g));

  for (const UnitSummary& u : s.units)
    if (u.violations > 0 || u.progress.overdue > 0) s.worst_units.push_back(u.unit);
  std::stable_sort(s.worst_units.begin(), s.worst_units.end(),
                   [&](std::uint32_t a, std::uint32_t b) {
                     const UnitSummary& x = s.units[a];
                     const UnitSummary& y = s.units[b];
                     if (x.required_violations != y.required_violations)
                       return x.required_violations > y.required_violations;
                     if (x.violations != y.violations) return x.violations > y.violations;
                     return x.progress.overdue > y.progress.overdue;
                   });
  if (s.worst_units.size() > worst_count) s.worst_units.resize(worst_count);
  return s;
}

std::vector<std::size_t> violation_order(const CampaignReport& report) {
  std::vector<std::size_t> order(report.violations.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const ReportViolation& x = report.violations[a];
    const ReportViolation& y = report.violations[b];
    if (x.day != y.day) return x.day < y.day;
    if (x.unit != y.unit) return x.unit < y.unit;
    if (x.step != y.step) return x.step < y.step;
    return x.member_id < y.member_id;
  });
  return order;
}

}  // namespace lockstep::report
