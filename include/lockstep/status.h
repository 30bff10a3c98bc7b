// Query results: where a member or unit stands, and roll-ups over a branch, a subtree of the
// organization or a supervision group. Plain data, computed on demand from the engine's compact
// state; the command line and reports format them. Orders are fixed (by step id, then unit id,
// then member id) so the same state always gives the same result.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "lockstep/lifecycle.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"
#include "lockstep/violation.h"

namespace lockstep {

struct StepStatus {
  StepId step = 0;
  StepState state = StepState::kLocked;  // kReady once every prerequisite is met
  std::optional<DayNumber> due;          // the deadline that applies now, if any
  std::optional<DayNumber> done;         // completion day, when done and recorded
  std::uint32_t repetitions = 0;         // completions so far, for "repeat >= N" steps
};

struct MemberStatus {
  MemberId member = 0;
  UnitId branch = kNoUnit;        // the responsible branch (the home branch unless mobile)
  std::vector<StepStatus> steps;  // every step that applies to the member, by step id
  // What to do next: ready, overdue and reopened steps, by due day (none last), then step id.
  std::vector<StepStatus> next;
};

struct PhaseStatus {
  PhaseId phase = 0;
  PhaseState state = PhaseState::kPending;
  DayNumber start = 0;  // the window for the unit's org type, both days included
  DayNumber end = 0;
};

struct UnitStatus {
  UnitId unit = 0;
  UnitId organization = kNoUnit;    // the grassroots organization it belongs to
  std::vector<StepStatus> steps;    // the unit's own steps that apply to it
  std::vector<StepStatus> next;     // as in MemberStatus
  std::vector<PhaseStatus> phases;  // the phases of its organization
};

// One step over a set of units and members.
struct StepRollup {
  StepId step = 0;
  std::uint32_t applicable = 0;                           // instances the step applies to
  std::array<std::uint32_t, kStepStateCount> by_state{};  // indexed by StepState
  // On-time rate = on_time / judged, where judged counts instances done (on time or late) or
  // overdue; excused and open instances before their deadline are not judged yet.
  std::uint32_t on_time = 0;
  std::uint32_t judged = 0;
  std::optional<double> on_time_rate() const {
    if (judged == 0) return std::nullopt;
    return static_cast<double>(on_time) / judged;
  }
};

struct OverdueItem {
  UnitId unit = kNoUnit;        // the unit, or the member's responsible branch
  MemberId member = kNoMember;  // kNoMember for a unit's own step
  StepId step = 0;
  DayNumber due = 0;
};

struct Rollup {
  std::vector<StepRollup> steps;     // every step, by step id (applicable may be 0)
  std::vector<OverdueItem> overdue;  // by unit id, then member id, then step id
  std::uint32_t units = 0;           // units covered
  std::uint32_t members = 0;         // members covered
};

}  // namespace lockstep
