// The campaign's calendar for each org type: when each phase's window opens and closes, and the
// deadline each step has before any `within` clause applies. Windows are resolved in whatever
// order their references need ("after study", "with appraisal + 2w"); months are calendar months.
//
// Days are inclusive: a window of length L starting on day S runs S .. S + L - 1 (for months,
// up to the day before the same date L months later), and "PHASE.end" is its last day. A step due
// on day D may be done on day D.
//
// Advisory windows (docs/semantics.md, "Advisory windows"): the advisory windows of an org type
// divide one binding period, which ends on the last day of the last of them. For each (phase,
// type), binding_end is that day when the window is advisory, else the window's own end; so
// window_end <= binding_end always, and they differ exactly when the window's end is a reference
// date only. A required step without `due` is due at its phase's binding end; when that is later
// than the window's end, reference_due holds the window's end, where its lateness is advice.
#pragma once

#include <limits>
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

// reference_due of a step that has no reference date.
inline constexpr DayNumber kNoReference = std::numeric_limits<DayNumber>::min();

struct Schedule {
  std::size_t org_types = 1;             // columns of the tables below (at least one)
  std::vector<DayNumber> window_start;   // [phase * org_types + type]
  std::vector<DayNumber> window_end;     // [phase * org_types + type], inclusive
  std::vector<SourceSpan> window_rule;   // [phase * org_types + type]
  std::vector<DayNumber> binding_end;    // [phase * org_types + type], inclusive
  std::vector<SourceSpan> binding_rule;  // [phase * org_types + type]: the window ending then
  std::vector<Deadline> due;             // [step * org_types + type]
  std::vector<DayNumber> reference_due;  // [step * org_types + type], or kNoReference

  DayNumber start(PhaseId p, OrgTypeId t) const { return window_start[p * org_types + t]; }
  DayNumber end(PhaseId p, OrgTypeId t) const { return window_end[p * org_types + t]; }
  DayNumber binding(PhaseId p, OrgTypeId t) const { return binding_end[p * org_types + t]; }
  // Whether the window's end is only a reference date: the phase stays open past it.
  bool advisory_end(PhaseId p, OrgTypeId t) const { return binding(p, t) > end(p, t); }
  const Deadline& deadline(StepId s, OrgTypeId t) const { return due[s * org_types + t]; }
  DayNumber reference(StepId s, OrgTypeId t) const { return reference_due[s * org_types + t]; }
};

// Resolves every window and deadline against `start`. A cycle of windows ("a after b, b after a")
// is an error (E0904); so is nothing else: the model was checked before.
std::optional<Schedule> build_schedule(const CampaignModel& model, DayNumber start,
                                       Diagnostics& diagnostics);

// A point in time written in the rules, for one org type.
DayNumber evaluate(const TimeExpr& t, const Schedule& schedule, OrgTypeId type, DayNumber start);

}  // namespace lockstep::engine
