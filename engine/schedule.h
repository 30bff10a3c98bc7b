// The campaign's calendar for each org type: when each phase's window opens and closes, and the
// deadline each step has before any `within` clause applies. Windows are resolved in whatever
// order their references need ("after study", "with appraisal + 2w"); months are calendar months.
//
// Days are inclusive: a window of length L starting on day S runs S .. S + L - 1 (for months,
// up to the day before the same date L months later), and "PHASE.end" is its last day. A step due
// on day D may be done on day D.
#pragma once

#include <optional>
#include <vector>

#include "lockstep/diagnostic.h"
#include "lockstep/model.h"

namespace lockstep::engine {

struct Deadline {
  DayNumber day = 0;
  Severity severity = Severity::kRequired;
  SourceSpan rule;  // the `due` clause, or the phase window whose end it is
};

struct Schedule {
  std::size_t org_types = 1;            // columns of the tables below (at least one)
  std::vector<DayNumber> window_start;  // [phase * org_types + type]
  std::vector<DayNumber> window_end;    // [phase * org_types + type], inclusive
  std::vector<SourceSpan> window_rule;  // [phase * org_types + type]
  std::vector<Deadline> due;            // [step * org_types + type]

  DayNumber start(PhaseId p, OrgTypeId t) const { return window_start[p * org_types + t]; }
  DayNumber end(PhaseId p, OrgTypeId t) const { return window_end[p * org_types + t]; }
  const Deadline& deadline(StepId s, OrgTypeId t) const { return due[s * org_types + t]; }
};

// Resolves every window and deadline against `start`. A cycle of windows ("a after b, b after a")
// is an error (E0904); so is nothing else: the model was checked before.
std::optional<Schedule> build_schedule(const CampaignModel& model, DayNumber start,
                                       Diagnostics& diagnostics);

// A point in time written in the rules, for one org type.
DayNumber evaluate(const TimeExpr& t, const Schedule& schedule, OrgTypeId type, DayNumber start);

}  // namespace lockstep::engine
