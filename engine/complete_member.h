// The member-completion kernel's completion (member_kernel.h says what it takes and why that is
// exact): InstanceTable's private accelerator. Defined inline in this header, included by
// engine.cpp alone, so that apply() settles the usual completion without a call, its saved
// registers and an Outcome built after it.
//
// The kernel works on raw views of the engine's arrays (KernelArrays) and on a cursor over one
// member's rows (MemberCursor), both plain locals of the caller. Through the vectors themselves,
// every store of a step byte (a uint8_t, which may alias anything) made the compiler reload each
// vector's data pointer and recompute each row's index; locals whose address is never taken cannot
// be aliased, so they stay in registers.
//
// Invariant: while a cursor is open, the member's mask lives in the cursor, and the engine's copy
// (InstanceTable::satisfied) is stale. Every path out of the kernel to code that may read masks
// (the general path, a phase reacting to its count) first puts the mask back (close_cursor), and
// opens the cursor again afterwards, since that code may change the member too. The kernel itself
// calls nothing: a completion that empties a phase is settled and reported (kPhaseEmptied), and the
// caller lets the phase react once the cursor is closed. So a loop over the kernel keeps the
// cursor in registers.
//
// What a completion's deadline and unit prerequisites come to depends only on the member's branch
// and on unit state, which the kernel never changes: a stream of events (apply(span)) keeps it per
// step for the current branch in a BranchDeadlines row, each step's filled when a completion of
// it first needs it (apply(span) says why). Invariant: each entry of the row holds, for `branch`,
// branch_deadline() of its step as unit state stands, or kNotYet; so whatever may change unit
// state (the general path, a phase reacting) drops the row or resets it before the kernel reads
// it next.
#pragma once

#include <algorithm>
#include <span>

#include "engine/engine_impl.h"
#include "engine/instance_table.h"
#include "engine/phase_book.h"
#include "lockstep/civil_date.h"

namespace lockstep::engine {

struct InstanceTable::KernelArrays {
  const MemberKernel* kernels;  // by StepId
  std::size_t steps;
  std::size_t members;
  const std::uint8_t* on_time_next;
  const DayNumber* due_day;  // [step * org_types + org type]
  const UnitId* responsible;
  const UnitId* organization;
  const OrgTypeId* org_type;
  const UnitId* nearest_performers;
  std::size_t performer_columns;
  const std::uint8_t* unit_step;
  const DayNumber* unit_day;
  std::size_t unit_slots;
  std::uint8_t* member_step;
  std::size_t member_slots;
  std::uint64_t* satisfied;
  DayNumber* member_day;
  std::size_t day_slots;
  std::uint32_t* open_members;
  std::uint32_t* open_required;
  std::uint32_t* unorganized_required;  // PhaseBook::unorganized_required
  std::size_t phases;
};

// One member's rows, and what is fixed about it for the engine's life (the tree does not change).
struct InstanceTable::MemberCursor {
  // Wider than a MemberId so that no actor equals it while the cursor is closed: an actor equal
  // to `member` is the open member, whose range was checked when the cursor opened on it.
  static constexpr std::uint64_t kClosed = std::uint64_t{1} << 32;
  std::uint64_t member = kClosed;
  UnitId organization = kNoUnit;
  std::uint64_t satisfied = 0;  // the member's mask (the engine's copy is stale while open)
  std::uint8_t* steps = nullptr;
  DayNumber* days = nullptr;
  std::uint32_t* open_members = nullptr;  // its branch's row
  // Its organization's row; without one, PhaseBook::unorganized_required, so the kernel need not
  // test.
  std::uint32_t* open_required = nullptr;
  UnitId branch = kNoUnit;             // the branch responsible for it
  const UnitId* performers = nullptr;  // its branch's row of nearest_performers
  const DayNumber* due = nullptr;      // due_day + its org type: index with MemberKernel::due_index
};

enum class InstanceTable::KernelResult : std::uint8_t {
  kGeneral,       // not the kernel's: nothing changed, the general path settles it
  kSettled,       // accepted, on time, in order, nothing to record
  kPhaseEmptied,  // kSettled, and the last required step open in its organization's phase: the
                  // caller closes the cursor, then PhaseBook::reacts(organization, phase)
};

// Each fast step's branch_deadline() for one branch, by member slot, or kNotYet until a
// completion of the step needs it (see the invariant above).
struct InstanceTable::BranchDeadlines {
  static constexpr DayNumber kNotYet = kMinDay - 2;  // neither a day nor kUnitsUnmet

  UnitId branch = kNoUnit;  // whose row; kNoUnit while there is none
  DayNumber due[kMaxStepsPerActor];

  void reset(UnitId b) {
    branch = b;
    std::fill(std::begin(due), std::end(due), kNotYet);
  }
};

// What a member of the cursor's branch completing k's step on time must complete by, as far as
// the branch and unit state decide: the fixed deadline for its org type, or the one a `within`
// counts from a unit's completion; kUnitsUnmet while a unit prerequisite is not satisfied. A
// `within` counted from the member's own step is left to kernel_complete.
inline constexpr DayNumber kUnitsUnmet = kMinDay - 1;  // every calendar day is after it

inline DayNumber InstanceTable::branch_deadline(const MemberKernel& k, const KernelArrays& a,
                                                const MemberCursor& c) {
  for (int i = 0; i < k.unit_prereq_count; ++i) {
    const UnitId v = c.performers[k.performer_column[i]];
    if (v != kNoUnit && !is_satisfied(a.unit_step[v * a.unit_slots + k.unit_prereq_slot[i]]))
      return kUnitsUnmet;
  }
  const DayNumber due = c.due[k.due_index];
  if (k.within != MemberKernel::Within::kNearestUnit) return due;
  const UnitId v = c.performers[k.within_column];
  const std::size_t i = v * a.unit_slots + k.within_slot;
  if (v == kNoUnit || !is_done(a.unit_step[i])) return due;
  return within_limit(k, a.unit_day[i], due);
}

// The deadline a `within` of k counted from `base` leaves, k's fixed deadline being `due`.
inline DayNumber InstanceTable::within_limit(const MemberKernel& k, DayNumber base, DayNumber due) {
  const auto limit = static_cast<DayNumber>(
      std::clamp<std::int64_t>(std::int64_t{base} + k.within_days, kMinDay, kMaxDay));
  return !k.explicit_due || limit < due ? limit : due;
}

inline InstanceTable::KernelArrays InstanceTable::kernel_arrays(const Context& c,
                                                                PhaseBook& phases) {
  return KernelArrays{.kernels = kernels_.by_step.data(),
                      .steps = kernels_.by_step.size(),
                      .members = c.org->member_count(),
                      .on_time_next = kernels_.on_time_next,
                      .due_day = kernels_.due_day.data(),
                      .responsible = c.org->member_responsible.data(),
                      .organization = c.topology.organization.data(),
                      .org_type = c.topology.org_type.data(),
                      .nearest_performers = kernels_.nearest_performers.data(),
                      .performer_columns = kernels_.performer_column_slots.size(),
                      .unit_step = unit_step.data(),
                      .unit_day = unit_day.data(),
                      .unit_slots = unit_slots_,
                      .member_step = member_step.data(),
                      .member_slots = member_slots_,
                      .satisfied = satisfied.data(),
                      .member_day = member_day.data(),
                      .day_slots = day_slots_,
                      .open_members = open_members.data(),
                      .open_required = phases.open_required.data(),
                      .unorganized_required = phases.unorganized_required.data(),
                      .phases = c.phases};
}

inline InstanceTable::MemberCursor InstanceTable::open_cursor(const KernelArrays& a, MemberId m) {
  MemberCursor c;
  move_cursor(a, c, m);
  return c;
}

inline void InstanceTable::move_cursor(const KernelArrays& a, MemberCursor& c, MemberId m) {
  close_cursor(a, c);
  const UnitId b = a.responsible[m];
  c.member = m;
  c.satisfied = a.satisfied[m];
  c.steps = a.member_step + m * a.member_slots;
  c.days = a.member_day + m * a.day_slots;
  // The branch's rows are where they were (the arrays never move while `a` is in use): a stream
  // in member order finds them again for all but a branch's first member. (A cursor that never
  // had a branch has no rows, whatever its branch field says.)
  if (b == c.branch && c.open_members != nullptr) return;
  c.branch = b;
  c.organization = a.organization[b];
  c.open_members = a.open_members + b * a.member_slots;
  c.open_required = c.organization != kNoUnit ? a.open_required + c.organization * a.phases
                                              : a.unorganized_required;
  c.performers = a.nearest_performers + b * a.performer_columns;
  c.due = a.due_day + a.org_type[b];
}

inline void InstanceTable::close_cursor(const KernelArrays& a, MemberCursor& c) {
  if (c.member != MemberCursor::kClosed) a.satisfied[c.member] = c.satisfied;
  c.member = MemberCursor::kClosed;
}

[[gnu::always_inline]] inline InstanceTable::KernelResult InstanceTable::kernel_complete(
    const Event& e, const MemberKernel& k, const KernelArrays& a, MemberCursor& c,
    DayNumber branch_due) {
  const DayNumber day = e.day;
  std::uint8_t* byte = c.steps + k.slot;
  const std::uint8_t next = a.on_time_next[*byte];
  if (next == kNoTransition || (k.self_mask & ~c.satisfied) != 0) return KernelResult::kGeneral;
  // The deadline as due_day() computes it: branch_due, unless a `within` counts from the member's
  // own step (kUnitsUnmet stays: every day is after it).
  DayNumber due = branch_due;
  if (k.within == MemberKernel::Within::kOwnStep && branch_due != kUnitsUnmet &&
      is_done(c.steps[k.within_slot]))
    due = within_limit(k, c.days[k.within_column], due);
  if (day > due || (k.has_requirements && !admits(k.evidence, e.evidence)))
    return KernelResult::kGeneral;

  // Accepted, on time, in order, nothing to record: the general path's state changes, the byte
  // before the phase hears of it (PhaseBook::reacts may read it).
  *byte = next;
  if (k.day_slot != kNoSlot) c.days[k.day_slot] = day;
  c.satisfied |= k.bit;
  --c.open_members[k.slot];
  if (k.required) {
    // The step was open, so its phase was not awaiting its gate (phase_book.h): only reaching
    // zero can make the phase react.
    if (--c.open_required[k.phase] == 0) [[unlikely]] {
      if (c.organization != kNoUnit) return KernelResult::kPhaseEmptied;
      c.open_required[k.phase] =
          PhaseBook::kUnorganizedHigh;  // a count of nothing; keep it off zero
    }
  }
  return KernelResult::kSettled;
}

[[gnu::always_inline]] inline bool InstanceTable::kernel_settle(const Context& c, PhaseBook& phases,
                                                                const Event& e,
                                                                const MemberKernel& k,
                                                                UnitId& emptied) {
  if (k.needs_general_path || e.actor_kind != ActorKind::kMember ||
      e.actor >= c.org->member_count())
    return false;
  const KernelArrays a = kernel_arrays(c, phases);
  MemberCursor cursor = open_cursor(a, e.actor);
  const KernelResult settled = kernel_complete(e, k, a, cursor, branch_deadline(k, a, cursor));
  close_cursor(a, cursor);
  emptied = settled == KernelResult::kPhaseEmptied ? cursor.organization : kNoUnit;
  return settled != KernelResult::kGeneral;
}

// Engine::apply(span)'s loop over the kernel: run() settles events for as long as the kernel can,
// with what it looks up about a member kept from one event to the next while they are the same
// member's, so a member-ordered stream (a replay, an import) looks it up once per member instead
// of once per event. The caller takes the event run() stops at on the general path (or lets the
// emptied phase react), after close(). run() calls nothing, so its cursor stays in registers.
//
// Between calls it keeps the cursor and the row of deadlines (BranchDeadlines above), each step's
// filled when the branch's first completion of it needs it: a stream in member order fills a step
// once per branch, and one in time order, whose next member is anywhere, no more than the
// completions it has.
class InstanceTable::KernelStream {
 public:
  struct Stop {
    std::size_t at;  // the first event not settled, or the one that emptied a phase
    UnitId emptied;  // the organization whose phase events[at] emptied, or kNoUnit
    PhaseId phase;
  };

  KernelStream(InstanceTable& table, const Context& c, PhaseBook& phases)
      : arrays_(table.kernel_arrays(c, phases)) {}

  // Settles events[i...] while the kernel can, an Outcome for each in out[] when kKeep
  // (`violations` being the count of violations so far).
  template <bool kKeep>
  Stop run(std::span<const Event> events, std::size_t i, std::uint32_t violations, Outcome* out) {
    return run_kernel<kKeep>(arrays_, events, i, cursor_, row_, violations, out);
  }

  // Before code that may read masks or change unit state (the cursor's and the row's invariants
  // above).
  void close() {
    close_cursor(arrays_, cursor_);
    row_.branch = kNoUnit;
  }

 private:
  // Not inlined: in a function of its own, without the general path's calls, its locals get
  // registers.
  template <bool kKeep>
  [[gnu::noinline]] static Stop run_kernel(const KernelArrays& a, std::span<const Event> events,
                                           std::size_t i, MemberCursor& cursor,
                                           BranchDeadlines& row, std::uint32_t violations,
                                           Outcome* out) {
    // A local, copied back on the way out: through `cursor`, every store of a step byte would
    // make the compiler reload it.
    MemberCursor c = cursor;
    Stop stop{events.size(), kNoUnit, 0};
    for (; i < events.size(); ++i) {
      const Event& e = events[i];
      // A day after the calendar is after every deadline too, so kernel_complete leaves it to the
      // general path, which clamps it; one before the calendar must not reach the kernel's stores.
      if (e.kind != Event::Kind::kComplete || e.actor_kind != ActorKind::kMember ||
          e.step >= a.steps || e.day < kMinDay) [[unlikely]] {
        stop.at = i;
        break;
      }
      const MemberKernel& k = a.kernels[e.step];
      const bool same_member = e.actor == c.member;
      if (k.needs_general_path || (!same_member && e.actor >= a.members)) [[unlikely]] {
        stop.at = i;
        break;
      }
      if (!same_member) {
        move_cursor(a, c, e.actor);
        if (row.branch != c.branch) row.reset(c.branch);
      }
      DayNumber branch_due = row.due[k.slot];
      if (branch_due == BranchDeadlines::kNotYet) [[unlikely]]
        branch_due = row.due[k.slot] = branch_deadline(k, a, c);
      const KernelResult r = kernel_complete(e, k, a, c, branch_due);
      if (r == KernelResult::kGeneral) [[unlikely]] {
        stop.at = i;
        break;
      }
      if constexpr (kKeep) out[i] = Outcome{true, RefusalKind::kNone, violations, 0};
      if (r == KernelResult::kPhaseEmptied) [[unlikely]] {
        stop = Stop{i, c.organization, k.phase};
        break;
      }
    }
    cursor = c;
    return stop;
  }

  KernelArrays arrays_;
  MemberCursor cursor_;
  BranchDeadlines row_;
};

}  // namespace lockstep::engine

namespace lockstep {

inline RefusalKind engine::EngineState::complete_member(const Event& e,
                                                        const engine::MemberKernel& k) {
  UnitId emptied = kNoUnit;
  if (instances.kernel_settle(context, phases, e, k, emptied)) {
    if (emptied != kNoUnit) phases.reacts(context, emptied, k.phase);
    return RefusalKind::kNone;
  }
  return complete_by<true>(e, context.plan.steps[e.step]);
}

}  // namespace lockstep
