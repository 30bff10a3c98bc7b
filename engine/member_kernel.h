// The member-completion kernel: per member step, a flat record of everything an accepted, on-time,
// in-order completion needs, compiled once when the engine is made, so the usual completion is a
// handful of loads and stores instead of a walk of the plan, the tree and the schedule.
//
// The kernel only ever takes the case it can settle exactly as the general path would
// (completion.cpp, EngineState::complete_by): the step's byte is Locked or Ready, the lifecycle
// takes it to a done state, every prerequisite is met, the completion is on time and its evidence
// meets the step's bounds. Anything else (a refusal, a violation, a repetition, a revision, a step
// others count a `within` from, a limit in months, ...) goes to the general path, unchanged.
//
// Invariant the cache relies on: whether a unit performs a unit step (its byte is not
// kNotApplicable) is decided in initialize() and never changes afterwards — no transition leads
// to kNotApplicable, and a snapshot is refused unless its applicability is the engine's. So the
// nearest performer of a unit step at or above a unit (nearest_performer with
// PrerequisiteKind::kNearestUnitAbove) is fixed for the engine's life and is kept in
// `nearest_performers`.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "engine/evidence_window.h"
#include "engine/huge_pages.h"
#include "engine/lifecycle.h"
#include "engine/plan.h"
#include "engine/schedule.h"

namespace lockstep::engine {

inline constexpr int kMaxKernelUnitPrereqs = 2;  // unit-up prerequisites the kernel checks itself

// Aligned so that its size is a power of two (checked below): the stream's loop finds a step's
// record with a shift, not a multiply.
struct alignas(64) MemberKernel {
  enum class Within : std::uint8_t { kNone, kOwnStep, kNearestUnit };

  bool by_member = false;          // a member step (else a unit step, which never takes the kernel)
  bool needs_general_path = true;  // always the general path (unit steps, rare shapes)
  bool required = true;
  bool has_requirements = false;
  bool explicit_due = false;
  Within within = Within::kNone;
  std::uint8_t unit_prereq_count = 0;  // entries used in performer_column / unit_prereq_slot
  PhaseId phase = 0;
  std::uint16_t slot = 0;
  std::uint16_t day_slot = kNoSlot;
  std::uint16_t performer_column[kMaxKernelUnitPrereqs] = {
      0, 0};  // column of MemberKernels::nearest_performers
  std::uint16_t unit_prereq_slot[kMaxKernelUnitPrereqs] = {0, 0};  // the prerequisite's unit slot
  std::uint16_t within_slot = 0;  // kOwnStep: member slot of the base; kNearestUnit: its unit slot
  std::uint16_t within_column =
      0;  // kOwnStep: its day column; kNearestUnit: its nearest_performers column
  std::int32_t within_days = 0;  // the limit, in days
  std::uint32_t due_index = 0;   // Schedule::due index for org type 0 (step * org_types)
  std::uint64_t self_mask = 0;
  std::uint64_t bit = 0;      // 1 << slot: the step's bit in the member's mask
  EvidenceWindow evidence{};  // when has_requirements
};

static_assert(sizeof(MemberKernel) == 128, "a MemberKernel's size is a power of two");

struct MemberKernels {
  std::vector<MemberKernel> by_step;  // by StepId
  std::vector<std::uint16_t>
      performer_column_slots;  // the unit slot of each nearest_performers column
  RosterVector<UnitId>
      nearest_performers;  // [u * performer_column_slots.size() + c], kNoUnit when nobody performs
  std::vector<DayNumber> due_day;  // Schedule::due's days, [step * org_types + org type]
  // The byte an accepted on-time completion with every prerequisite met leaves, by current byte;
  // kNoTransition where the kernel does not decide (anything but Locked and Ready).
  std::uint8_t on_time_next[256];
};

// Compiles the kernels. `unit_step` is the engine's unit bytes after initialize(), `parent` the
// tree, `schedule` the fixed deadlines; `tables` the step lifecycle.
MemberKernels build_member_kernels(const Plan& plan, std::span<const std::uint8_t> unit_step,
                                   std::size_t unit_slots, std::span<const UnitId> parent,
                                   const Schedule& schedule, const LifecycleTables& tables);

}  // namespace lockstep::engine
