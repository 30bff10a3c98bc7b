// The member-completion kernel's completion (member_kernel.h says what it takes and why that is
// exact). Defined inline in this header, included by engine.cpp alone, so that apply() settles the
// usual completion without a call: the call, its saved registers and the Outcome built after it
// were a quarter of an event's instructions.
#pragma once

#include <algorithm>

#include "engine/engine_impl.h"
#include "lockstep/civil_date.h"

namespace lockstep {

inline Engine::Impl::MemberContext Engine::Impl::member_context(MemberId m) const {
  MemberContext c;
  c.member = m;
  c.branch = branch_of(m);
  c.organization = topo.organization[c.branch];
  c.org_type = type_of_unit(c.branch);
  c.up = c.branch * kernels.up_slots.size();
  return c;
}

inline bool Engine::Impl::kernel_complete(const Event& e, const engine::MemberKernel& k,
                                          const MemberContext& c) {
  // The event's fields are read once into locals: the byte store below may alias anything, and
  // would make the compiler read them again.
  const MemberId m = c.member;
  const UnitId b = c.branch;
  const DayNumber day = e.day;
  std::uint8_t& byte = mstate(m, k.slot);
  const std::uint8_t next = kernels.on_time_next[byte];
  std::uint64_t& satisfied = st.satisfied[m];
  if (next == engine::kNoTransition || (k.self_mask & ~satisfied) != 0) return false;
  const UnitId* up = kernels.up_performer.data() + c.up;
  for (int i = 0; i < k.ups; ++i) {
    const UnitId v = up[k.up_column[i]];
    if (v != kNoUnit && !engine::is_satisfied(ustate(v, k.up_slot[i]))) return false;
  }
  // The deadline as due_day() computes it.
  DayNumber due = schedule.due[k.due_index + c.org_type].day;
  if (k.within != engine::MemberKernel::Within::kNone) {
    bool counted = false;
    DayNumber base = 0;
    if (k.within == engine::MemberKernel::Within::kSelf) {
      if ((counted = engine::is_done(mstate(m, k.within_slot))))
        base = st.member_day[m * plan.day_slots + k.within_column];
    } else {
      const UnitId v = up[k.within_column];
      if ((counted = v != kNoUnit && engine::is_done(ustate(v, k.within_slot))))
        base = st.unit_day[v * unit_slots + k.within_slot];
    }
    if (counted) {
      const auto limit = static_cast<DayNumber>(
          std::clamp<std::int64_t>(std::int64_t{base} + k.within_days, kMinDay, kMaxDay));
      if (!k.explicit_due || limit < due) due = limit;
    }
  }
  if (day > due || (k.has_requirements && !engine::meets_all(k.evidence, e.evidence))) return false;

  // Accepted, on time, in order, nothing to record: complete_by<true>'s state changes, the byte
  // before the phase hears of it (phase_reacts may read it).
  byte = next;
  if (k.day_slot != engine::kNoSlot) st.member_day[m * plan.day_slots + k.day_slot] = day;
  satisfied |= std::uint64_t{1} << k.slot;
  --st.open_members[b * member_slots + k.slot];
  if (k.required && c.organization != kNoUnit) {
    --st.open_required[c.organization * phases + k.phase];
    open_count_changed(c.organization, k.phase);
  }
  return true;
}

inline RefusalKind Engine::Impl::complete_member(const Event& e, const engine::MemberKernel& k) {
  if (!k.general && e.actor < org->member_count() && kernel_complete(e, k, member_context(e.actor)))
    return RefusalKind::kNone;
  return complete_by<true>(e, plan.steps[e.step]);
}

}  // namespace lockstep
