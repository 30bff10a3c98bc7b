// What the engine reports when a rule is broken: a Violation (recorded: audit mode, and every
// rule that is not about order in both modes) or a Refusal (enforce mode: the event is turned
// down and nothing changes). Both cite the rule by its SourceSpan; format_location() in
// lockstep/model.h and describe() in lockstep/engine.h turn them into text.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lockstep/event.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep {

inline constexpr MemberId kNoMember = 0xffffffffu;
inline constexpr StepId kNoStep = 0xffff;

enum class ViolationKind : std::uint8_t {
  kOutOfOrder,            // done before a prerequisite of the same, parent or subunit scope
  kMembersNotDone,        // a unit's step done while some of its members had not done theirs
  kLate,                  // done after its deadline
  kMissed,                // its deadline passed and it was not done
  kRequirementNotMet,     // evidence missing or short of its threshold
  kTooFewRepetitions,     // its deadline passed with fewer completions than "repeat >= N"
  kPhaseClosedStepsOpen,  // a phase closed (gate approved or window ended) with required steps open
  kPhaseClosedWithoutGate,  // a phase's window ended before its gate was approved
};
inline constexpr int kViolationKindCount = 8;

// "out_of_order", "members_not_done", "late", "missed", "requirement_not_met",
// "too_few_repetitions", "phase_closed_steps_open", "phase_closed_without_gate".
const char* violation_kind_name(ViolationKind kind);

struct Violation {
  ViolationKind kind = ViolationKind::kOutOfOrder;
  Severity severity = Severity::kRequired;  // required rules give errors, advisory ones warnings
  UnitId unit = kNoUnit;                    // where: the unit, or the member's responsible branch
  MemberId member = kNoMember;              // the member, when a member broke it
  PhaseId phase = 0;
  StepId step = kNoStep;  // kNoStep for a phase's own rules (window, gate)
  DayNumber day = 0;      // when it happened or was found
  SourceSpan rule;        // the rule broken: a prerequisite, deadline, requirement, gate ...
  // Details, by kind:
  //   out_of_order / members_not_done: other_step is the unmet prerequisite; for members_not_done
  //     `actual` is how many members had not done it;
  //   late / missed: `expected` is the due day, `actual` the completion day (late) or the day
  //     the deadline was found passed (missed);
  //   requirement_not_met: `field`, `expected` the threshold (a FormId for form), `actual` the
  //     value given or kNoValue when it was not reported;
  //   too_few_repetitions: `expected` the repetitions required, `actual` those done;
  //   phase_closed_steps_open: `actual` the number of required step instances still open;
  //   phase_closed_steps_open / phase_closed_without_gate, advisory: an advisory window's end
  //     passed (the phase stays open), `expected` the last day of its binding period.
  StepId other_step = kNoStep;
  Requirement::Field field = Requirement::Field::kHours;
  std::int64_t expected = 0;
  std::int64_t actual = 0;
};

enum class RefusalKind : std::uint8_t {
  kNone,
  kUnknownId,       // a step, phase, member, unit or group id out of range
  kNotApplicable,   // the step does not apply to this actor, or the event does not fit its state
  kDuplicate,       // already done / excused / approved: nothing to do
  kClockBackwards,  // an advance to a day before the clock
  kOutOfOrder,      // enforce: a prerequisite is unmet
  kMembersNotDone,  // enforce: some members the unit is responsible for have not done theirs
  kGateStepsOpen,   // enforce: a gate approved while required steps of the phase are open
  kWrongApprover,   // the approver is not the one who oversees this organization
  kPhaseNotOpen,    // a gate approved before its phase's window opened
  kWrongActorKind,  // a unit named for a member's step, or a member for a unit's step or a gate
  // Refused before reaching the engine, by whoever resolves names (lockstep/name_index.h):
  kUnknownName,    // a name that is neither an id nor a display name of what the event needs
  kAmbiguousName,  // a display name that several members (or units ...) share
};

// "unknown_id", "not_applicable", ...
const char* refusal_kind_name(RefusalKind kind);

// An unmet prerequisite, with who has not met it. Lists are capped at kMaxListed entries; `count`
// is the full number.
struct UnmetPrerequisite {
  static constexpr std::size_t kMaxListed = 20;
  StepId step = 0;  // the prerequisite step
  Prerequisite::Scope scope = Prerequisite::Scope::kSame;
  SourceSpan rule;                // where the prerequisite is written
  std::vector<UnitId> units;      // units that have not done it (unit steps)
  std::vector<MemberId> members;  // members who have not done it (member steps)
  std::uint32_t count = 0;
};

// What an event names, for a name that could not be resolved.
enum class NameRole : std::uint8_t { kMember, kUnit, kStep, kPhase, kForm, kApprover };

// A name that names nothing, or more than one thing (kUnknownName, kAmbiguousName).
struct NameProblem {
  NameRole role = NameRole::kMember;
  std::string name;                    // as written
  std::vector<std::uint32_t> matches;  // ambiguous: the ids it could mean (at most kMaxListed)
  std::string suggestion;              // unknown: the closest id, when one is close
  static constexpr std::size_t kMaxListed = 20;
};

// The field of an event that holds an id out of range (kUnknownId).
enum class EventField : std::uint8_t { kNone, kStep, kPhase, kActor, kApprover };

// Why an event was refused: each refused call gets its own (Engine::apply's `why`). Built only on
// refusal, so the accepting path never allocates.
struct Refusal {
  RefusalKind kind = RefusalKind::kNone;
  Event event;                             // the refused event (its `reason` view is not kept)
  std::size_t index = 0;                   // in a batch: the event's position in it
  EventField unknown = EventField::kNone;  // kUnknownId: which id is out of range
  NameProblem name;                        // kUnknownName, kAmbiguousName
  std::vector<UnmetPrerequisite> unmet;    // kOutOfOrder, kMembersNotDone
  // kGateStepsOpen: the phase's open required steps and how many instances of each are open.
  std::vector<std::pair<StepId, std::uint32_t>> open_steps;
  std::uint32_t expected_approver = 0;  // kWrongApprover
};

}  // namespace lockstep
