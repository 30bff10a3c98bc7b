// Compiling the member-completion kernels (member_kernel.h); the completion they make fast is in
// complete_member.h.
#include "engine/member_kernel.h"

#include <algorithm>
#include <span>

#include "engine/engine_impl.h"
#include "lockstep/civil_date.h"

namespace lockstep {

using namespace engine;

namespace {

// The nearest_performers column of unit slot `slot`, added when new.
std::uint16_t column_of(MemberKernels& k, std::uint16_t slot) {
  const auto it = std::find(k.performer_column_slots.begin(), k.performer_column_slots.end(), slot);
  if (it != k.performer_column_slots.end())
    return static_cast<std::uint16_t>(it - k.performer_column_slots.begin());
  k.performer_column_slots.push_back(slot);
  return static_cast<std::uint16_t>(k.performer_column_slots.size() - 1);
}

// A limit the kernel adds as plain days (months depend on the date: the general path's).
bool limit_in_days(const Duration& d, std::int32_t& days) {
  if (d.unit == Duration::Unit::kMonths) return false;
  const std::int64_t n = std::int64_t{d.amount} * (d.unit == Duration::Unit::kWeeks ? 7 : 1);
  if (n < INT32_MIN || n > INT32_MAX) return false;
  days = static_cast<std::int32_t>(n);
  return true;
}

// Fills `k` from `sp`, leaving it on the general path when the kernel cannot settle the step's
// completions.
void compile_step(const Plan& plan, StepId s, std::size_t org_types, MemberKernel& k,
                  MemberKernels& all) {
  const StepPlan& sp = plan.steps[s];
  k.needs_general_path = true;
  k.by_member = sp.by_member;
  if (!sp.by_member || sp.min_repetitions > 1 || sp.rep_slot != kNoSlot ||
      !sp.within_dependents.empty() || sp.other_prerequisites.size() > kMaxKernelUnitPrereqs)
    return;
  for (const PrerequisiteCheck& r : sp.other_prerequisites)
    if (r.kind != PrerequisiteKind::kNearestUnitAbove) return;
  if (sp.within) {
    const PrerequisiteCheck& base = sp.within->base;
    if (!limit_in_days(sp.within->limit, k.within_days)) return;
    if (base.kind == PrerequisiteKind::kOwnStep) {
      k.within = MemberKernel::Within::kOwnStep;
      k.within_column = plan.steps[base.step].day_slot;
      if (k.within_column == kNoSlot) return;
    } else if (base.kind == PrerequisiteKind::kNearestUnitAbove) {
      k.within = MemberKernel::Within::kNearestUnit;
      k.within_column = column_of(all, base.slot);
    } else {
      return;
    }
    k.within_slot = base.slot;
  }
  if (sp.has_requirements) {
    const std::optional<EvidenceWindow> window = make_evidence_window(sp.evidence);
    if (!window) return;  // bounds nothing meets: the general path says which
    k.evidence = *window;
  }
  k.unit_prereq_count = static_cast<std::uint8_t>(sp.other_prerequisites.size());
  for (std::size_t i = 0; i < sp.other_prerequisites.size(); ++i) {
    k.unit_prereq_slot[i] = sp.other_prerequisites[i].slot;
    k.performer_column[i] = column_of(all, sp.other_prerequisites[i].slot);
  }
  k.required = sp.required;
  k.has_requirements = sp.has_requirements;
  k.explicit_due = sp.explicit_due;
  k.phase = sp.phase;
  k.slot = sp.slot;
  k.day_slot = sp.day_slot;
  k.due_index = static_cast<std::uint32_t>(s * org_types);
  k.self_mask = sp.self_mask;
  k.bit = std::uint64_t{1} << sp.slot;
  k.needs_general_path = false;
}

}  // namespace

MemberKernels engine::build_member_kernels(const Plan& plan,
                                           std::span<const std::uint8_t> unit_step,
                                           std::size_t unit_slots, std::span<const UnitId> parent,
                                           const Schedule& schedule,
                                           const LifecycleTables& tables) {
  const std::size_t org_types = schedule.org_types;
  MemberKernels all;
  all.due_day.reserve(schedule.due.size());
  for (const Deadline& d : schedule.due) all.due_day.push_back(d.day);
  all.by_step.resize(plan.steps.size());
  for (StepId s = 0; s < plan.steps.size(); ++s)
    compile_step(plan, s, org_types, all.by_step[s], all);

  // nearest_performer(u, a kNearestUnitAbove check) for every unit and column, fixed once
  // applicability is.
  const std::size_t columns = all.performer_column_slots.size();
  const std::size_t units = parent.size();
  all.nearest_performers.assign(units * columns, kNoUnit);
  for (UnitId u = 0; u < units; ++u)
    for (std::size_t c = 0; c < columns; ++c)
      for (UnitId v = u; v != kNoUnit; v = parent[v])
        if (unit_step[v * unit_slots + all.performer_column_slots[c]] != kNotApplicable) {
          all.nearest_performers[u * columns + c] = v;
          break;
        }

  // Locked unlocks first (as complete_by does when prerequisites are met), Ready does not.
  std::fill(std::begin(all.on_time_next), std::end(all.on_time_next), kNoTransition);
  const auto on_time = static_cast<int>(StepEvent::kCompleteOnTime);
  const auto locked = static_cast<std::uint8_t>(StepState::kLocked);
  const auto ready = static_cast<std::uint8_t>(StepState::kReady);
  const std::uint8_t unlocked = tables.step[locked][static_cast<int>(StepEvent::kUnlock)];
  if (unlocked != kNoTransition && !is_satisfied(unlocked))
    all.on_time_next[locked] = tables.step[unlocked][on_time];
  all.on_time_next[ready] = tables.step[ready][on_time];
  // Only a step reaching a done state is the kernel's: it sets the day and the satisfied bit.
  for (std::uint8_t& next : all.on_time_next)
    if (next != kNoTransition && !is_done(next)) next = kNoTransition;
  return all;
}

}  // namespace lockstep
