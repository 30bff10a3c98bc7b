// What a report says at a glance, computed from a CampaignReport: per phase the on-time rate and
// the violations by kind, per unit and per supervision group the counts, the worst units. Every
// renderer uses these, so the terminal, JSON and HTML always agree.
//
// Only required steps count towards rates and open work; advisory ones ("for reference") never
// make a unit look behind. The on-time rate of a phase is on_time / (on_time + late + overdue):
// of the work that was due by the report's date, the share done by its deadline. It is absent when
// nothing was due yet. Rates are rounded to 4 decimals here, once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lockstep/report.h"

namespace lockstep::report {

struct KindCount {
  std::string kind;
  std::uint64_t required = 0;
  std::uint64_t advisory = 0;
  std::uint64_t total() const { return required + advisory; }
};

// Counts of required (actor, step) pairs.
struct Progress {
  std::uint64_t required = 0;
  std::uint64_t on_time = 0;
  std::uint64_t late = 0;
  std::uint64_t excused = 0;
  std::uint64_t overdue = 0;
  std::uint64_t open() const { return required - on_time - late - excused; }
  std::uint64_t done() const { return on_time + late + excused; }
  std::optional<double> on_time_rate() const;
  void add(const ReportCell& cell);
};

struct PhaseSummary {
  std::uint32_t phase = 0;
  Progress progress;
  std::uint64_t violations = 0;
  std::vector<KindCount> by_kind;  // sorted by kind
};

struct UnitSummary {
  std::uint32_t unit = 0;
  Progress progress;
  std::uint64_t violations = 0;
  std::uint64_t required_violations = 0;
};

struct GroupSummary {
  std::uint32_t group = kNoIndex;  // kNoIndex: units under no supervision group
  std::uint64_t units = 0;
  Progress progress;
  std::uint64_t violations = 0;
  std::uint64_t required_violations = 0;
  std::vector<KindCount> by_kind;
};

struct ReportSummary {
  Progress progress;  // the whole campaign
  std::uint64_t violations = 0;
  std::uint64_t required_violations = 0;
  std::vector<PhaseSummary> phases;  // one per phase, in order
  std::vector<KindCount> by_kind;    // sorted by kind
  std::vector<UnitSummary> units;    // one per unit, in order
  std::vector<GroupSummary> groups;  // one per group in order, then "no group" if any unit has none
  std::vector<std::uint32_t> worst_units;  // units with violations or overdue work, worst first
};

// `worst_count` bounds worst_units. Worst means most required violations, then most violations,
// then most overdue work, then the unit's order.
ReportSummary summarize(const CampaignReport& report, std::size_t worst_count);

// Indices of report.violations by day, unit, step, member id (stable: ties keep their order).
std::vector<std::size_t> violation_order(const CampaignReport& report);

// Rounded to 4 decimals, the one rounding every output uses.
double round_rate(double rate);

// Safe look-ups: "?" for an index out of range, the id when there is no display name.
template <typename T>
std::string id_of(const std::vector<T>& items, std::uint32_t i) {
  return i < items.size() ? items[i].id : std::string("?");
}
template <typename T>
std::string name_of(const std::vector<T>& items, std::uint32_t i) {
  if (i >= items.size()) return "?";
  return items[i].display_name.empty() ? items[i].id : items[i].display_name;
}

const char* severity_name(Severity s);

}  // namespace lockstep::report
