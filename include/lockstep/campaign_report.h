// A campaign report: what organizers read about a campaign at one date, as plain data. A run
// (lockstep/run.h) fills it; the renderers (lockstep/report.h) turn it into text, JSON, CSV or one
// offline HTML page.
//
// A CampaignReport is independent of the engine: it holds the campaign's display names, the
// phase windows per org type, the state of every (unit, step) cell, the violations and the
// progress over time. Summaries (on-time rates, violations by kind, the worst units) are computed
// from it, never stored twice.
//
// Invariants (checked by validate_report; renderers never crash when they do not hold, but may
// then show "?" for a name):
//   - every index (org_type, group, phase, step, unit) is in range of its vector, or kNoIndex
//     where the field says so;
//   - in a cell, on_time + late + excused <= required and overdue <= the rest (the open ones);
//   - a violation's step, when set, belongs to the violation's phase;
//   - burn_down.open_by_phase has one series per phase or none at all.
// Same report in, byte-identical output out: renderers keep the order of the vectors except where
// documented (violations are listed by day, unit, step, member, in a stable sort).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lockstep/model.h"

namespace lockstep {

inline constexpr std::uint32_t kNoIndex = 0xffffffffu;

// An org type or a supervision group: its id and the name people read.
struct ReportName {
  std::string id;
  std::string display_name;
};

// When a phase runs for one org type: days start..end, both included.
struct ReportWindow {
  std::uint32_t org_type = 0;
  DayNumber start = 0;
  DayNumber end = 0;
};

struct ReportPhase {
  std::string id;
  std::string display_name;
  std::vector<ReportWindow> windows;  // at most one per org type
};

struct ReportStep {
  std::string id;
  std::string display_name;
  std::uint32_t phase = 0;
  Severity severity = Severity::kRequired;
  std::string actor;  // "member", "branch", ... as written in the rules
};

struct ReportUnit {
  std::string id;
  std::string display_name;
  std::uint32_t org_type = 0;
  std::uint32_t group = kNoIndex;  // supervision group, if any
};

// One step in one unit. `required` counts who must do it there: 1 for the unit's own step, the
// number of members it applies to for a member step. The open ones are
// required - on_time - late - excused; `overdue` of them are past due at the report's date.
struct ReportCell {
  std::uint32_t unit = 0;
  std::uint32_t step = 0;
  std::uint32_t required = 0;
  std::uint32_t on_time = 0;
  std::uint32_t late = 0;
  std::uint32_t excused = 0;
  std::uint32_t overdue = 0;
  std::optional<DayNumber> due;        // the unit's deadline for the step, if it has one
  std::optional<DayNumber> completed;  // the day the last one finished; absent while any is open
};

struct ReportViolation {
  DayNumber day = 0;        // when it happened or was found
  std::uint32_t unit = 0;   // the unit where it happened
  std::string member_id;    // empty when the unit itself broke the rule
  std::string member_name;  // may be empty
  std::uint32_t phase = 0;
  std::uint32_t step = kNoIndex;  // kNoIndex for a phase's own rule (its gate)
  std::string kind;               // stable id: "late", "missed", "out_of_order", ...
  Severity severity = Severity::kRequired;
  std::string rule;     // where the rule is written: "rules/x.lock:12:5"
  std::string message;  // one sentence
};

// Open required work per phase and day: open_by_phase[p][d] is the number of open required
// (actor, step) pairs of phase p on day first_day + d. Empty when the run has no time series.
struct BurnDown {
  DayNumber first_day = 0;
  std::vector<std::vector<std::uint32_t>> open_by_phase;
};

// Monte Carlo results for one deadline of one unit, over `CampaignReport::runs` runs.
struct ReportForecast {
  std::uint32_t unit = 0;
  std::uint32_t step = 0;
  double on_time_probability = 0;  // 0..1
  DayNumber p10 = 0;               // completion day percentiles
  DayNumber p50 = 0;
  DayNumber p90 = 0;
};

struct CampaignReport {
  std::string campaign_id;
  std::string campaign_name;
  std::optional<DayNumber> start;
  DayNumber as_of = 0;  // the date the report describes
  std::string source;   // how it was produced, for people: "simulate --seed 7", "replay log.csv"
  std::uint32_t runs = 1;

  std::vector<ReportName> org_types;
  std::vector<ReportName> groups;
  std::vector<ReportPhase> phases;
  std::vector<ReportStep> steps;
  std::vector<ReportUnit> units;
  std::vector<ReportCell> cells;
  std::vector<ReportViolation> violations;
  BurnDown burn_down;
  std::vector<ReportForecast> forecasts;  // empty unless runs > 1
};

}  // namespace lockstep
