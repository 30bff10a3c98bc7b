// The campaign model: the one contract between the rules language (dsl/) and the engine (engine/).
//
// A CampaignModel is what a rules file means, with every name resolved to a dense id and every
// element carrying the source span it came from, so that any violation can cite the line of the
// rule it breaks. It knows nothing of organizations or events: the engine instantiates it over a
// roster.
//
// Invariants (established by the compiler, relied on by the engine):
//   - ids are dense indices into the vectors below: StepId s is steps[s], and so on;
//   - at most kMaxCategories categories and kMaxOrgTypes org types, so sets of them fit a uint64_t;
//   - at most kMaxStepsPerActor steps performed by members, so a member's completed steps fit a
//     uint64_t bitmask (the engine's hot path depends on this);
//   - steps are ordered by phase, then by their order in the source; a phase's steps are
//     contiguous: phases[p].first_step .. phases[p].first_step + phases[p].step_count;
//   - prerequisites form no cycle and name only steps of the same or an earlier phase;
//   - every StepId, PhaseId, CategoryId and OrgTypeId stored anywhere is in range.
// A model is immutable once built: share it by const reference or shared_ptr<const CampaignModel>.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep {

// Days since 1970-01-01 in the proleptic Gregorian calendar. The engine's clock counts whole days.
using DayNumber = std::int32_t;

using StepId = std::uint16_t;
using PhaseId = std::uint16_t;
using CategoryId = std::uint8_t;
using OrgTypeId = std::uint8_t;
using FormId = std::uint8_t;

inline constexpr int kMaxCategories = 64;
inline constexpr int kMaxOrgTypes = 64;
inline constexpr int kMaxStepsPerActor = 64;

// Where an element was written. `file` indexes CampaignModel::files; line and column are 1-based,
// column and length counted in bytes of UTF-8.
struct SourceSpan {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::uint32_t length = 0;
};

// Who performs a step. Units of the organization tree have a level (committee, general branch,
// branch); "organization" means each grassroots organization, i.e. each unit directly under the
// campaign's top committee; "leadership" means the leadership team of a unit that has one.
enum class Actor : std::uint8_t {
  kMember,
  kBranch,
  kGeneralBranch,
  kCommittee,
  kOrganization,
  kLeadership
};

enum class Severity : std::uint8_t { kRequired, kAdvisory };

// A length of time as written. Months are calendar months: the engine resolves them against the
// campaign's start date; the checker treats a month as anywhere between 28 and 31 days.
struct Duration {
  enum class Unit : std::uint8_t { kDays, kWeeks, kMonths };
  std::int32_t amount = 0;  // may be negative for offsets ("end - 7d")
  Unit unit = Unit::kDays;
};

// A point in time as written in the rules, evaluated by the engine for one unit.
struct TimeExpr {
  enum class Base : std::uint8_t {
    kDate,           // `date` (absolute)
    kCampaignStart,  // the campaign's start date
    kPhaseStart,     // start of `phase`'s window for the unit's org type
    kPhaseEnd,       // end of `phase`'s window for the unit's org type
  };
  Base base = Base::kPhaseEnd;
  DayNumber date = 0;
  PhaseId phase = 0;
  Duration offset;  // added to the base
};

// When a phase is open, for one org type (or the default).
struct PhaseWindow {
  enum class Start : std::uint8_t {
    kCampaignStart,  // from the campaign start
    kAfterPhase,     // when `other` ends
    kWithPhase,      // when `other` starts (overlapping phases)
    kDate,           // on an absolute date
  };
  Start start = Start::kCampaignStart;
  PhaseId other = 0;
  DayNumber date = 0;
  Duration offset;  // delay after the start point
  Duration length;
  SourceSpan where;
  // kAdvisory (`... , 2m advisory`): the window is a reference date ("供参考"). Its end records
  // advisory violations and does not close the phase; the phase closes at the end of the period
  // the advisory windows of its org type divide: the last day of the last of them
  // (docs/semantics.md, "Advisory windows"). Last, so that positional initializers stay valid.
  Severity severity = Severity::kRequired;
};

// The gate that closes a phase for a unit: the look back (回头看) and the move to the next phase,
// approved by someone outside the unit.
struct Gate {
  enum class Approver : std::uint8_t { kSupervisionGroup, kParentUnit };
  std::string id;
  std::string display_name;
  Approver approver = Approver::kSupervisionGroup;
  SourceSpan where;
};

struct Phase {
  std::string id;
  std::string display_name;
  PhaseWindow window;                                                 // the default window
  std::vector<std::pair<OrgTypeId, PhaseWindow>> window_by_org_type;  // overrides, by org type
  std::optional<Gate> gate;
  StepId first_step = 0;
  StepId step_count = 0;
  SourceSpan where;
};

// Which units or members a step applies to. Empty `only` masks mean "everyone".
struct Applicability {
  std::uint64_t only_categories = 0;    // bit c set: applies only to members in category c
  std::uint64_t except_categories = 0;  // bit c set: not to members in category c
  std::uint64_t only_org_types = 0;     // bit t set: applies only within org type t
  std::uint64_t except_org_types = 0;
};

// A prerequisite: `step` must be done (or excused) before this one, by whom `scope` says.
struct Prerequisite {
  enum class Scope : std::uint8_t {
    kSame,         // the same unit or member
    kParent,       // the nearest enclosing unit that performs `step` (a member's branch, ...)
    kAllMembers,   // every member the unit is responsible for ("after analysis of all members")
    kAllSubunits,  // every unit below this one that performs `step`
  };
  StepId step = 0;
  Scope scope = Scope::kSame;
  SourceSpan where;
};

// A requirement on the evidence of a completion: "hours >= 40", "form = written".
struct Requirement {
  enum class Field : std::uint8_t { kHours, kChars, kCount, kForm };
  enum class Comparison : std::uint8_t { kAtLeast, kAtMost, kEqual };
  Field field = Field::kHours;
  Comparison comparison = Comparison::kAtLeast;
  std::int64_t value = 0;  // a FormId when field is kForm
  Severity severity = Severity::kRequired;
  // When one is set, this requirement replaces the step's general requirement on the same field
  // for the actors it names: members in this category ("leading_cadre: chars >= 2500"), or
  // actors of this org type ("school: hours >= 40"; a member is of its branch's). When several
  // replacements of one field apply to an actor, the strictest does. At most one is set.
  std::optional<CategoryId> for_category;
  std::optional<OrgTypeId> for_org_type;
  SourceSpan where;
};

struct Deadline {
  TimeExpr due;
  Severity severity = Severity::kRequired;  // advisory: dates "for reference"
  SourceSpan where;
};

// "within 7d after opinion": due `limit` after the unit's completion of `step` (resolved as the
// prerequisite scope says).
struct WithinDeadline {
  Prerequisite after;
  Duration limit;
  Severity severity = Severity::kRequired;
  SourceSpan where;
};

struct Step {
  std::string id;
  std::string display_name;
  PhaseId phase = 0;
  Actor actor = Actor::kMember;
  Severity severity = Severity::kRequired;
  std::vector<Prerequisite> after;
  std::optional<Deadline> deadline;  // when absent, the end of the phase's window
  std::optional<WithinDeadline> within;
  std::uint32_t min_repetitions = 1;  // "repeat >= 2": completions needed
  std::vector<Requirement> requirements;
  Applicability applies;
  SourceSpan where;
};

struct Category {
  std::string id;
  std::string display_name;
  SourceSpan where;
};

struct OrgType {
  std::string id;
  std::string display_name;
  SourceSpan where;
};

struct Form {
  std::string id;
  std::string display_name;
  SourceSpan where;
};

struct CampaignModel {
  std::string id;
  std::string display_name;
  std::optional<DayNumber> start;  // may also be given at run time
  std::vector<std::string> files;  // paths of the source files, indexed by SourceSpan::file
  std::vector<Category> categories;
  std::vector<OrgType> org_types;
  std::vector<Form> forms;
  std::vector<Phase> phases;
  std::vector<Step> steps;
  SourceSpan where;

  // Name look-ups for loading rosters and events; not for the per-event hot path.
  std::optional<StepId> find_step(std::string_view id) const;
  std::optional<PhaseId> find_phase(std::string_view id) const;
  std::optional<CategoryId> find_category(std::string_view id) const;
  std::optional<OrgTypeId> find_org_type(std::string_view id) const;
  std::optional<FormId> find_form(std::string_view id) const;
};

// "file:line:col" for a span, for messages that cite a rule.
std::string format_location(const CampaignModel& model, const SourceSpan& where);

}  // namespace lockstep
