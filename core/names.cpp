// The enumerations' names; see lockstep/names.h. One array per enumeration, indexed by its value:
// a value outside the enumeration names itself "?", a name not in the table parses to nothing.
#include "lockstep/names.h"

#include <fmt/format.h>
#include <array>

namespace lockstep {
namespace {

template <typename Enum, std::size_t N>
const char* name_in(const std::array<const char*, N>& names, Enum value) {
  const auto i = static_cast<std::size_t>(value);
  return i < N ? names[i] : "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_in(const std::array<const char*, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (name == names[i]) return static_cast<Enum>(i);
  return std::nullopt;
}

// In the order of each enumeration's values.
constexpr std::array<const char*, 6> kActors = {"member",    "branch",       "general_branch",
                                                "committee", "organization", "leadership"};
constexpr std::array<const char*, 4> kEvidenceFields = {"hours", "chars", "count", "form"};
constexpr std::array<const char*, 4> kUnitLevels = {"top", "committee", "general_branch", "branch"};
constexpr std::array<const char*, kStepStateCount> kStepStates = {
    "locked", "ready", "done", "done_late", "overdue", "excused", "reopened"};
constexpr std::array<const char*, kPhaseStateCount> kPhaseStates = {"pending", "open",
                                                                    "awaiting_gate", "closed"};
constexpr std::array<const char*, 8> kViolationKinds = {"out_of_order",
                                                        "members_not_done",
                                                        "late",
                                                        "missed",
                                                        "requirement_not_met",
                                                        "too_few_repetitions",
                                                        "phase_closed_steps_open",
                                                        "phase_closed_without_gate"};
constexpr std::array<const char*, 13> kRefusalKinds = {
    "none",           "unknown_id",       "not_applicable",  "duplicate",
    "clock_backwards", "out_of_order",    "members_not_done", "gate_steps_open",
    "wrong_approver", "phase_not_open",   "wrong_actor_kind", "unknown_name",
    "ambiguous_name"};

// The tables follow the enumerations' declarations: a value added there must be named here.
static_assert(static_cast<int>(Actor::kLeadership) == kActors.size() - 1);
static_assert(static_cast<int>(Requirement::Field::kForm) == kEvidenceFields.size() - 1);
static_assert(static_cast<int>(UnitLevel::kBranch) == kUnitLevels.size() - 1);
static_assert(static_cast<int>(StepState::kReopened) == kStepStates.size() - 1);
static_assert(static_cast<int>(PhaseState::kClosed) == kPhaseStates.size() - 1);
static_assert(static_cast<int>(ViolationKind::kPhaseClosedWithoutGate) ==
              kViolationKinds.size() - 1);
static_assert(static_cast<int>(RefusalKind::kAmbiguousName) == kRefusalKinds.size() - 1);

}  // namespace

const char* actor_name(Actor actor) {
  return name_in(kActors, actor);
}
std::optional<Actor> parse_actor(std::string_view name) {
  return parse_in<Actor>(kActors, name);
}
std::span<const char* const> actor_names() {
  return kActors;
}

const char* evidence_field_name(Requirement::Field field) {
  return name_in(kEvidenceFields, field);
}
std::optional<Requirement::Field> parse_evidence_field(std::string_view name) {
  return parse_in<Requirement::Field>(kEvidenceFields, name);
}
std::span<const char* const> evidence_field_names() {
  return kEvidenceFields;
}

const char* unit_level_name(UnitLevel level) {
  return name_in(kUnitLevels, level);
}
std::optional<UnitLevel> parse_unit_level(std::string_view name) {
  return parse_in<UnitLevel>(kUnitLevels, name);
}

const char* step_state_name(StepState s) {
  return name_in(kStepStates, s);
}
const char* phase_state_name(PhaseState s) {
  return name_in(kPhaseStates, s);
}
const char* violation_kind_name(ViolationKind kind) {
  return name_in(kViolationKinds, kind);
}
const char* refusal_kind_name(RefusalKind kind) {
  return name_in(kRefusalKinds, kind);
}

std::string duration_text(const Duration& d) {
  const char unit = d.unit == Duration::Unit::kDays    ? 'd'
                    : d.unit == Duration::Unit::kWeeks ? 'w'
                                                       : 'm';
  return fmt::format("{}{}", d.amount, unit);
}

}  // namespace lockstep
