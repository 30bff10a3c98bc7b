// The campaign model compiled for the engine: each step's dense slot among member steps or unit
// steps, its prerequisites normalized to how they are checked, its `within` deadline, and which
// steps wait on it. Built once by build_plan(), read-only afterwards.
//
// How a prerequisite is checked depends on who performs the two steps (docs/semantics.md,
// "Prerequisites"):
//   member step after a member step (any scope)     -> kOwnStep: a bit of the member's mask
//   member step after a unit step (same or parent)  -> kNearestUnitAbove from the member's
//                                                      responsible branch: the nearest unit
//                                                      performing it
//   unit step after a unit step, same scope         -> kNearestUnitAbove from the unit itself
//   unit step after a unit step, parent scope       -> kNearestAboveParentFirst: strict
//                                                      ancestors, then the unit itself
//   unit step after a member step (any scope)       -> kAllMembersBelow: every member the unit
//                                                      is responsible for
//   unit step after a unit step of all subunits     -> kAllUnitsBelow: every unit strictly below
// A kNearestUnitAbove / kNearestAboveParentFirst that finds no performer is met: nobody owes it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "lockstep/diagnostic.h"
#include "lockstep/event.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep::engine {

inline constexpr std::uint16_t kNoSlot = 0xffff;

// How a prerequisite is checked: the table above.
enum class PrerequisiteKind : std::uint8_t {
  kOwnStep,
  kNearestUnitAbove,
  kNearestAboveParentFirst,
  kAllMembersBelow,
  kAllUnitsBelow,
};

struct PrerequisiteCheck {
  PrerequisiteKind kind = PrerequisiteKind::kOwnStep;
  StepId step = 0;                                         // the prerequisite step
  std::uint16_t slot;                                      // its member or unit slot
  Prerequisite::Scope scope = Prerequisite::Scope::kSame;  // as written, for refusals
  SourceSpan where;
};

struct WithinPlan {
  PrerequisiteCheck base;  // the step the limit counts from, normalized like a prerequisite
  Duration limit;
  Severity severity = Severity::kRequired;
  SourceSpan where;
};

// The evidence that meets every requirement of a step, as one interval per field: evidence inside
// all of them meets whichever requirements apply to the actor (the usual case, settled without
// looking at categories). A field nobody asks about has no bit in `fields`; two different
// `form = ...` give an empty interval, which nothing meets.
struct EvidenceBounds {
  std::uint8_t fields = 0;  // bit f: some requirement on Requirement::Field f
  std::int64_t low[4] = {0, 0, 0, 0};
  std::int64_t high[4] = {0, 0, 0, 0};
};

// Whether the evidence meets every requirement of the step (see EvidenceBounds), field by field,
// each read only when asked about: the general path's test. The member kernel tests the same
// bounds four fields at once (evidence_window.h), and a test holds the two to the same answers.
inline bool meets_all(const EvidenceBounds& b, const Evidence& e) {
  const auto in = [&b](int f, std::int64_t v) { return v >= b.low[f] && v <= b.high[f]; };
  const unsigned f = b.fields;
  return (!(f & 1u) || in(0, e.hours)) && (!(f & 2u) || in(1, e.chars)) &&
         (!(f & 4u) || in(2, e.count)) &&
         (!(f & 8u) || in(3, e.form == kNoForm ? kNoValue : std::int64_t{e.form}));
}

struct StepPlan {
  bool by_member = false;
  std::uint16_t slot = 0;  // index among member steps or among unit steps
  PhaseId phase = 0;
  bool required = true;  // counts toward closing its phase
  Severity severity = Severity::kRequired;
  std::uint16_t min_repetitions = 1;
  std::uint16_t rep_slot = kNoSlot;  // member steps with repeat >= 2: column of the count
  std::uint16_t day_slot = kNoSlot;  // member steps others count `within` from: day column
  std::uint64_t self_mask = 0;       // member steps: slots of kOwnStep prerequisites
  std::vector<PrerequisiteCheck>
      other_prerequisites;  // every other prerequisite (and all of a unit step's)
  std::vector<PrerequisiteCheck> own_prerequisites;  // the kOwnStep ones, for refusals and audits
  std::optional<WithinPlan> within;
  bool explicit_due = false;  // the step has a `due` of its own, which a `within` cannot extend
  std::vector<StepId> within_dependents;  // steps whose `within` counts from this one
  bool has_requirements = false;
  EvidenceBounds evidence;  // what meets all of the step's requirements
};

struct Plan {
  std::vector<StepPlan> steps;       // by StepId
  std::vector<StepId> member_steps;  // by member slot
  std::vector<StepId> unit_steps;    // by unit slot
  std::uint16_t day_slots = 0;
  std::uint16_t rep_slots = 0;
};

// Checks the model's invariants (code E0902) and compiles it; nothing on error.
std::optional<Plan> build_plan(const CampaignModel& model, Diagnostics& diagnostics);

// Whether `step` applies to a member of these categories whose responsible branch has this org
// type. Both kinds of mask must pass: "only leading_cadre, township_organ" means both.
bool applies_to_member(const Step& step, std::uint64_t categories, OrgTypeId org_type);

// Whether `unit` performs `step` (a unit step): its level or role matches the actor and its org
// type passes the step's applicability.
bool performs(const Step& step, const Organization& org, UnitId unit);

}  // namespace lockstep::engine
