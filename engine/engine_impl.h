// The engine's insides: the compiled plan, the calendar, the compact state, and the operations on
// them. engine.cpp builds it and dispatches events; completion.cpp, clock.cpp, gate.cpp and
// queries.cpp hold the operations.
//
// Compact state (docs/semantics.md, "Cost"): per member, one byte per member step, a 64-bit mask
// of satisfied member steps, a day per step that a `within` counts from, a repetition count per
// "repeat >= N" step. Per unit, one byte, one day and one count per unit step. Per branch, per
// member step, how many of its members have not satisfied it. Per organization, per phase, its
// lifecycle byte and how many required step instances are open.
//
// Invariants kept by every operation:
//   - bit k of satisfied[m] is set exactly when member_step[m][k] is done, done late, excused or
//     not applicable;
//   - open_members[b][k] counts the members b is responsible for whose slot k applies and is not
//     satisfied;
//   - open_required[o][p] counts the required instances of phase p's steps in organization o
//     (units and responsible members) that apply and are not satisfied;
//   - a phase byte moves only through lifecycle_tables().phase, a step byte only through
//     lifecycle_tables().step;
//   - an organization's phase that is open has open_required > 0, one awaiting its gate has
//     open_required == 0 (phase_reacts keeps them in step, a saved state is refused otherwise), so
//     completing an open step never finds its phase awaiting its gate.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/calendar_queue.h"
#include "engine/huge_pages.h"
#include "engine/lifecycle.h"
#include "engine/member_kernel.h"
#include "engine/plan.h"
#include "engine/schedule.h"
#include "engine/topology.h"
#include "lockstep/engine.h"

namespace lockstep {

namespace engine {

// The byte of an instance that does not apply (outside the lifecycle's states).
inline constexpr std::uint8_t kNotApplicable = 0xfe;
inline constexpr auto kAwaitingGateByte = static_cast<std::uint8_t>(PhaseState::kAwaitingGate);
inline constexpr auto kLockedByte = static_cast<std::uint8_t>(StepState::kLocked);

// Whether an instance in state byte s satisfies whoever waits on it: done (on time or late),
// excused, or not applicable. A table by byte: one load instead of four compares on the kernel's
// path.
inline constexpr auto kSatisfiedByte = [] {
  std::array<bool, 256> t{};
  for (StepState s : {StepState::kDone, StepState::kDoneLate, StepState::kExcused})
    t[static_cast<std::uint8_t>(s)] = true;
  t[kNotApplicable] = true;
  return t;
}();

inline bool is_satisfied(std::uint8_t s) {
  return kSatisfiedByte[s];
}

inline bool is_done(std::uint8_t s) {
  return s == static_cast<std::uint8_t>(StepState::kDone) ||
         s == static_cast<std::uint8_t>(StepState::kDoneLate);
}

// A fixed point of the campaign's calendar, fired when the clock reaches `day`.
struct TimePoint {
  enum class Kind : std::uint8_t { kWindowOpens, kDeadline, kWindowEnds };
  DayNumber day = 0;
  Kind kind = Kind::kDeadline;
  std::uint16_t id = 0;  // a PhaseId for windows, a StepId for deadlines
  OrgTypeId org_type = 0;
};

struct ExcuseRecord {
  std::uint32_t actor = 0;
  StepId step = 0;
  DayNumber day = 0;
  std::uint32_t reason = 0;  // index into State::reasons
};

struct State {
  RosterVector<std::uint8_t> member_step;     // [m * member_slots + k]
  RosterVector<std::uint64_t> satisfied;      // [m]
  RosterVector<DayNumber> member_day;         // [m * day_slots + d]
  RosterVector<std::uint16_t> member_reps;    // [m * rep_slots + r]
  RosterVector<std::uint8_t> unit_step;       // [u * unit_slots + k]
  RosterVector<DayNumber> unit_day;           // [u * unit_slots + k]
  RosterVector<std::uint16_t> unit_reps;      // [u * unit_slots + k]
  RosterVector<std::uint32_t> open_members;   // [b * member_slots + k]
  RosterVector<std::uint8_t> phase_state;     // [o * phases + p], organizations only
  RosterVector<std::uint32_t> open_required;  // [o * phases + p]
  DayNumber clock = 0;
  std::size_t next_point = 0;  // the first TimePoint not fired yet
  CalendarQueue queue;
  std::vector<Violation> violations;
  std::vector<ExcuseRecord> excuses;
  std::vector<std::string> reasons;
  std::unordered_map<std::string, std::uint32_t> reason_index;
};

}  // namespace engine

struct Engine::Impl {
  const CampaignModel* model = nullptr;
  const Organization* org = nullptr;
  Mode mode = Mode::kEnforce;
  DayNumber start = 0;
  engine::Plan plan;
  engine::Schedule schedule;
  engine::Topology topology;
  engine::LifecycleTables tables{};
  engine::MemberKernels kernels;  // derived from plan, topology and applicability in initialize()
  std::vector<engine::TimePoint> timeline;            // sorted by day, kind, id, org type
  std::vector<std::vector<UnitId>> branches_of_type;  // branches with responsible members
  std::vector<std::vector<UnitId>> units_of_type;     // every unit
  std::vector<std::vector<UnitId>> organizations_of_type;
  std::size_t member_slots = 0, unit_slots = 0, phases = 0;
  engine::State st;
  // The kernel's stand-in for an organization's row of open required counts, for members whose
  // branch is under none (the top's own): it decrements a row for every member rather than test
  // for one. Its values count nothing; one that reaches zero is set back to kUnorganizedHigh.
  static constexpr std::uint32_t kUnorganizedHigh = std::uint32_t{1} << 31;
  std::vector<std::uint32_t> unorganized_required;
  Refusal refusal;
  std::vector<UnmetPrerequisite> spare_unmet;  // refusal.unmet's old records, reused (refuse())
  std::vector<engine::QueueEntry> fired;       // scratch for advance(), reused

  // ---- engine.cpp ----
  void initialize();
  Outcome apply(const Event& e);
  RefusalKind dispatch(const Event& e);  // apply() once the day is in the calendar
  // Records the refusal's details in `refusal` and returns `kind`.
  RefusalKind refuse(const Event& e, RefusalKind kind);
  void record(const Violation& v) { st.violations.push_back(v); }
  std::uint32_t reason_id(std::string_view reason);

  // ---- access ----
  std::uint8_t& member_step_byte(MemberId m, std::uint16_t k) {
    return st.member_step[m * member_slots + k];
  }
  std::uint8_t member_step_byte(MemberId m, std::uint16_t k) const {
    return st.member_step[m * member_slots + k];
  }
  std::uint8_t& unit_step_byte(UnitId u, std::uint16_t k) {
    return st.unit_step[u * unit_slots + k];
  }
  std::uint8_t unit_step_byte(UnitId u, std::uint16_t k) const {
    return st.unit_step[u * unit_slots + k];
  }
  UnitId branch_of(MemberId m) const { return org->member_responsible[m]; }
  OrgTypeId type_of_unit(UnitId u) const { return topology.org_type[u]; }
  UnitId parent_of(UnitId u) const { return topology.parent[u]; }
  std::uint8_t step_next(std::uint8_t state, engine::StepEvent e) const {
    return tables.step[state][static_cast<int>(e)];
  }

  // ---- completion.cpp: prerequisites, completions, excuses, revisions ----
  UnitId nearest_performer(UnitId from, const engine::PrerequisiteCheck& r) const;
  bool prerequisite_met(MemberId m, UnitId u,
                        const engine::PrerequisiteCheck& r) const;  // m == kNoMember for units
  bool prerequisites_met(MemberId m, UnitId u, StepId s) const;
  // Lists into refusal.unmet (emptied by refuse()) what keeps s from being done, records taken
  // from spare_unmet first.
  void list_unmet(MemberId m, UnitId u, StepId s);
  // ---- complete_member.h: a member completion the kernel settles, else complete_by<true> ----
  RefusalKind complete_member(const Event& e, const engine::MemberKernel& k);
  // The kernel's views of the arrays and its cursor over one member (complete_member.h).
  struct KernelArrays;
  struct MemberCursor;
  struct BranchDeadlines;
  enum class KernelResult : std::uint8_t;
  KernelArrays kernel_arrays();
  static MemberCursor open_cursor(const KernelArrays& a, MemberId m);  // m < member count
  // Closes c and opens it on m (< member count), with the same KernelArrays as before.
  static void move_cursor(const KernelArrays& a, MemberCursor& c, MemberId m);
  static void close_cursor(const KernelArrays& a, MemberCursor& c);  // puts the mask back
  static DayNumber branch_deadline(const engine::MemberKernel& k, const KernelArrays& a,
                                   const MemberCursor& c);
  static DayNumber within_limit(const engine::MemberKernel& k, DayNumber base, DayNumber due);
  // Settles `e`, a completion of k's step by c.member, whose branch_deadline() is `branch_due`,
  // when the kernel can (k not needs_general_path); else changes nothing, and complete_by<true>
  // must.
  static KernelResult kernel_complete(const Event& e, const engine::MemberKernel& k,
                                      const KernelArrays& a, MemberCursor& c, DayNumber branch_due);
  template <bool by_member>
  RefusalKind complete_by(const Event& e, const engine::StepPlan& sp);
  RefusalKind excuse(const Event& e);
  RefusalKind revise(const Event& e);
  void check_requirements(const Event& e, MemberId m, UnitId u);
  void satisfied_changed(MemberId m, UnitId u, StepId s, bool now_satisfied);
  // satisfied_changed(m, branch, s, true) for a member step `sp`, whose responsible branch is
  // `branch`: inline, since every accepted member completion takes it.
  void member_satisfied(MemberId m, UnitId branch, const engine::StepPlan& sp) {
    st.satisfied[m] |= std::uint64_t{1} << sp.slot;
    --st.open_members[branch * member_slots + sp.slot];
    const UnitId o = topology.organization[branch];
    if (!sp.required || o == kNoUnit) return;
    --st.open_required[o * phases + sp.phase];
    open_count_changed(o, sp.phase);
  }

  // ---- deadline.cpp: the deadline of an instance as it stands, and `within` scheduling ----
  engine::Deadline effective_due(MemberId m, UnitId u, StepId s) const;
  // effective_due(m, u, s).day without building its rule: a completion needs the rule only when
  // it is late.
  DayNumber due_day(MemberId m, UnitId u, StepId s) const {
    const engine::Deadline& fixed =
        schedule.deadline(s, type_of_unit(m != kNoMember ? branch_of(m) : u));
    const engine::StepPlan& sp = plan.steps[s];
    return sp.within ? within_day(m, u, sp, fixed).value_or(fixed.day) : fixed.day;
  }
  // The day a `within` of `sp` (which has one) makes the instance due, when it replaces the fixed
  // deadline `fixed`; nothing while what it counts from is not done, or when `fixed` holds.
  std::optional<DayNumber> within_day(MemberId m, UnitId u, const engine::StepPlan& sp,
                                      const engine::Deadline& fixed) const;
  std::optional<DayNumber> base_day(MemberId m, UnitId u,
                                    const engine::PrerequisiteCheck& base) const;
  // What became of an instance that `within` clauses count from.
  enum class SourceChange : std::uint8_t { kDone, kExcused, kReopened };
  void schedule_dependents(MemberId m, UnitId u, StepId s, DayNumber day, SourceChange change);

  // ---- clock.cpp: time passing, deadlines, phase windows ----
  RefusalKind advance(const Event& e);
  void advance_to(DayNumber day);
  void fire_deadline(MemberId m, UnitId u, StepId s, DayNumber now);
  void fire_point(const engine::TimePoint& p);
  void fire_queued(const engine::QueueEntry& q, DayNumber now);

  // ---- gate.cpp: the phase lifecycle of each organization ----
  bool phase_event(UnitId o, PhaseId p, engine::PhaseEvent e);
  // Whether a phase whose required count is now `open` may change state: it reaches zero, or the
  // phase awaits its gate (which a reopened step takes back).
  static bool phase_may_react(std::uint32_t open, std::uint8_t phase_state) {
    return open == 0 || phase_state == engine::kAwaitingGateByte;
  }
  // The phase reacts only when its open count reaches zero or leaves it: checked here, inline,
  // since a completion changes the count every time and the phase almost never.
  void open_count_changed(UnitId o, PhaseId p) {
    const std::size_t i = o * phases + p;
    if (phase_may_react(st.open_required[i], st.phase_state[i])) phase_reacts(o, p);
  }
  void phase_reacts(UnitId o, PhaseId p);
  void window_ends(UnitId o, PhaseId p, DayNumber day);
  RefusalKind approve(const Event& e);
  void list_open_steps(UnitId o, PhaseId p,
                       std::vector<std::pair<StepId, std::uint32_t>>& out) const;

  // ---- queries.cpp ----
  StepState effective(MemberId m, UnitId u, StepId s) const;
  StepStatus step_status(MemberId m, UnitId u, StepId s) const;
  void add_to_rollup(Rollup& r, UnitId unit, bool members, bool own_steps) const;
  std::uint64_t fingerprint() const;
};

}  // namespace lockstep
