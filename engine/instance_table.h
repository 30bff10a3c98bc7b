// The step instances of a campaign over an organization: one per (member, member step) and per
// (unit, unit step), in compact rows (docs/semantics.md, "Cost"). Per member, one byte per member
// step, a 64-bit mask of satisfied member steps, a day per step that a `within` counts from, a
// repetition count per "repeat >= N" step. Per unit, one byte, one day and one count per unit
// step. Per branch, per member step, how many of its members have not satisfied it.
//
// Invariants kept by every operation:
//   - bit k of satisfied[m] is set exactly when member_step[m][k] is done, done late, excused or
//     not applicable (set_satisfied() changes the two together);
//   - open_members[b][k] counts the members b is responsible for whose slot k applies and is not
//     satisfied;
//   - which instances apply (the byte is kNotApplicable or not) is decided by initialize() and
//     never changes: no transition leads to kNotApplicable, and a saved state is refused unless
//     its applicability is this table's. The member kernel caches what follows from it;
//   - a step byte moves only through the step lifecycle table (Context::step_next).
//
// The member kernel (member_kernel.h, complete_member.h) is this table's private accelerator: it
// settles the usual member completion on raw views of these rows, with the same changes the
// general path (EngineState::complete_by) makes. Its cursor and branch-row invariants are stated
// in complete_member.h.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "engine/context.h"
#include "engine/huge_pages.h"
#include "engine/lifecycle.h"
#include "engine/member_kernel.h"
#include "lockstep/engine.h"

namespace lockstep::engine {

// The byte of an instance that does not apply (outside the lifecycle's states).
inline constexpr std::uint8_t kNotApplicable = 0xfe;
inline constexpr auto kLockedByte = static_cast<std::uint8_t>(StepState::kLocked);
inline constexpr auto kExcusedByte = static_cast<std::uint8_t>(StepState::kExcused);
inline constexpr auto kOverdueByte = static_cast<std::uint8_t>(StepState::kOverdue);
inline constexpr auto kReopenedByte = static_cast<std::uint8_t>(StepState::kReopened);

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

class PhaseBook;

class InstanceTable {
 public:
  // Sizes every row for `context`, marks the instances that apply (locked, open) and those that
  // do not, and compiles the member kernel over them.
  void initialize(const Context& context);

  // Takes the rows of `loaded` (a saved state, checked), keeping what initialize() derived.
  void adopt_rows(InstanceTable&& loaded);

  std::uint8_t& member_step_byte(MemberId m, std::uint16_t slot) {
    return member_step[m * member_slots_ + slot];
  }
  std::uint8_t member_step_byte(MemberId m, std::uint16_t slot) const {
    return member_step[m * member_slots_ + slot];
  }
  std::uint8_t& unit_step_byte(UnitId u, std::uint16_t slot) {
    return unit_step[u * unit_slots_ + slot];
  }
  std::uint8_t unit_step_byte(UnitId u, std::uint16_t slot) const {
    return unit_step[u * unit_slots_ + slot];
  }
  DayNumber& member_day_of(MemberId m, std::uint16_t day_slot) {
    return member_day[m * day_slots_ + day_slot];
  }
  DayNumber member_day_of(MemberId m, std::uint16_t day_slot) const {
    return member_day[m * day_slots_ + day_slot];
  }
  DayNumber& unit_day_of(UnitId u, std::uint16_t slot) { return unit_day[u * unit_slots_ + slot]; }
  DayNumber unit_day_of(UnitId u, std::uint16_t slot) const {
    return unit_day[u * unit_slots_ + slot];
  }
  std::uint16_t& member_reps_of(MemberId m, std::uint16_t rep_slot) {
    return member_reps[m * rep_slots_ + rep_slot];
  }
  std::uint16_t member_reps_of(MemberId m, std::uint16_t rep_slot) const {
    return member_reps[m * rep_slots_ + rep_slot];
  }
  std::uint16_t& unit_reps_of(UnitId u, std::uint16_t slot) {
    return unit_reps[u * unit_slots_ + slot];
  }
  std::uint16_t unit_reps_of(UnitId u, std::uint16_t slot) const {
    return unit_reps[u * unit_slots_ + slot];
  }
  std::uint32_t open_members_of(UnitId branch, std::uint16_t slot) const {
    return open_members[branch * member_slots_ + slot];
  }

  // The instance an event names, once its ids are checked: the one prologue of completing,
  // excusing and revising. `member` is kNoMember for a unit step; `unit` is then the actor, else
  // the member's responsible branch.
  struct Located {
    MemberId member = kNoMember;
    UnitId unit = kNoUnit;
    std::uint8_t* byte = nullptr;
  };
  // kWrongActorKind for a unit named for a member step or the reverse, kUnknownId for an actor
  // out of range, kNotApplicable for an instance that does not apply, else kNone with `out`
  // filled.
  template <bool by_member>
  RefusalKind locate(const Context& c, ActorRef ref, const StepPlan& sp, Located& out) {
    if (ref.kind != (by_member ? ActorKind::kMember : ActorKind::kUnit))
      return RefusalKind::kWrongActorKind;
    const std::uint32_t actor = ref.id;
    if (actor >= (by_member ? c.org->member_count() : c.org->units.size()))
      return RefusalKind::kUnknownId;
    out.member = by_member ? actor : kNoMember;
    out.unit = by_member ? c.branch_of(actor) : actor;
    out.byte = by_member ? &member_step_byte(actor, sp.slot) : &unit_step_byte(actor, sp.slot);
    return *out.byte == kNotApplicable ? RefusalKind::kNotApplicable : RefusalKind::kNone;
  }
  RefusalKind locate(const Context& c, ActorRef actor, const StepPlan& sp, Located& out) {
    return sp.by_member ? locate<true>(c, actor, sp, out) : locate<false>(c, actor, sp, out);
  }

  // Sets (or clears) member m's satisfied bit and its branch's open count for `sp` together; the
  // organization's open required count is the PhaseBook's, which the caller tells.
  void set_member_satisfied(MemberId m, UnitId branch, const StepPlan& sp, bool now) {
    const std::uint64_t bit = std::uint64_t{1} << sp.slot;
    satisfied[m] = now ? satisfied[m] | bit : satisfied[m] & ~bit;
    std::uint32_t& open = open_members[branch * member_slots_ + sp.slot];
    open = now ? open - 1 : open + 1;
  }

  // Prerequisites (docs/semantics.md, "Prerequisites"; plan.h, how each kind is checked).
  // The unit a unit-step check `r` lands on from `from`, or kNoUnit when nobody performs it.
  UnitId nearest_performer(const Context& c, UnitId from, const PrerequisiteCheck& r) const;
  // m == kNoMember for unit steps; u is then the performer.
  bool prerequisite_met(const Context& c, MemberId m, UnitId u, const PrerequisiteCheck& r) const;
  bool prerequisites_met(const Context& c, MemberId m, UnitId u, StepId s) const;
  // Appends to `out` what keeps s from being done, reusing the records of `spare` first.
  void list_unmet(const Context& c, MemberId m, UnitId u, StepId s,
                  std::vector<UnmetPrerequisite>& out, std::vector<UnmetPrerequisite>& spare) const;

  // The member kernel: which step records there are, and one step's.
  std::size_t kernel_count() const { return kernels_.by_step.size(); }
  const MemberKernel& kernel(StepId s) const { return kernels_.by_step[s]; }

  // Settles the member completion `e` of k's step when the kernel can (k not on the general path,
  // an actor in range, in order, on time, evidence within bounds): true, and `emptied` is then the
  // organization whose phase k.phase the completion emptied (kNoUnit when none), which the caller
  // lets react. False, with nothing changed, when the general path must take it.
  bool kernel_settle(const Context& c, PhaseBook& phases, const Event& e, const MemberKernel& k,
                     UnitId& emptied);

  // The kernel over a stream of events, Engine::apply(span)'s fast loop (complete_member.h).
  class KernelStream;

  // The rows, for the engine's readers (queries, the saved state, the fingerprint). Changed only
  // through the operations above, the kernel and EngineState's completion handlers.
  RosterVector<std::uint8_t> member_step;    // [m * member slots + k]
  RosterVector<std::uint64_t> satisfied;     // [m]
  RosterVector<DayNumber> member_day;        // [m * day slots + d]
  RosterVector<std::uint16_t> member_reps;   // [m * rep slots + r]
  RosterVector<std::uint8_t> unit_step;      // [u * unit slots + k]
  RosterVector<DayNumber> unit_day;          // [u * unit slots + k]
  RosterVector<std::uint16_t> unit_reps;     // [u * unit slots + k]
  RosterVector<std::uint32_t> open_members;  // [b * member slots + k]

 private:
  // The kernel's views of the rows and its cursor over one member (complete_member.h).
  struct KernelArrays;
  struct MemberCursor;
  struct BranchDeadlines;
  enum class KernelResult : std::uint8_t;
  KernelArrays kernel_arrays(const Context& c, PhaseBook& phases);
  static MemberCursor open_cursor(const KernelArrays& a, MemberId m);  // m < member count
  // Closes c and opens it on m (< member count), with the same KernelArrays as before.
  static void move_cursor(const KernelArrays& a, MemberCursor& c, MemberId m);
  static void close_cursor(const KernelArrays& a, MemberCursor& c);  // puts the mask back
  static DayNumber branch_deadline(const MemberKernel& k, const KernelArrays& a,
                                   const MemberCursor& c);
  static DayNumber within_limit(const MemberKernel& k, DayNumber base, DayNumber due);
  // Settles `e`, a completion of k's step by c.member, whose branch_deadline() is `branch_due`,
  // when the kernel can; else changes nothing.
  static KernelResult kernel_complete(const Event& e, const MemberKernel& k, const KernelArrays& a,
                                      MemberCursor& c, DayNumber branch_due);

  std::size_t member_slots_ = 0, unit_slots_ = 0, day_slots_ = 0, rep_slots_ = 0;
  MemberKernels kernels_;  // derived from the plan, the tree and applicability in initialize()
};

}  // namespace lockstep::engine
