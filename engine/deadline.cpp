// The deadline of a step instance as it stands now, and the calendar-queue entries that `within`
// clauses need.
//
// An instance's deadline is its `due` (or its phase's end) until the step its `within` counts
// from is done; from then on it is that completion's day plus the limit (an explicit `due` still
// holds when earlier). What the `within` counts from resolves like a prerequisite: the member's
// own step, the nearest unit performing it upwards, or — for "of all members" / "of all
// subunits" — the last completion among them, once all of them are satisfied.
#include <algorithm>

#include "engine/engine_impl.h"
#include "lockstep/civil_date.h"

namespace lockstep {

using namespace engine;

std::optional<DayNumber> Engine::Impl::base_day(MemberId m, UnitId u,
                                                const PrerequisiteCheck& base) const {
  switch (base.kind) {
    case PrerequisiteKind::kOwnStep:
      if (m == kNoMember || !is_done(member_step_byte(m, base.slot))) return std::nullopt;
      return st.member_day[m * plan.day_slots + plan.steps[base.step].day_slot];
    case PrerequisiteKind::kNearestUnitAbove:
    case PrerequisiteKind::kNearestAboveParentFirst: {
      const UnitId v = nearest_performer(m != kNoMember ? branch_of(m) : u, base);
      if (v == kNoUnit || !is_done(unit_step_byte(v, base.slot))) return std::nullopt;
      return st.unit_day[v * unit_slots + base.slot];
    }
    case PrerequisiteKind::kAllMembersBelow: {
      if (m != kNoMember || !prerequisite_met(kNoMember, u, base)) return std::nullopt;
      const std::uint16_t column = plan.steps[base.step].day_slot;
      std::optional<DayNumber> last;
      for (const UnitId* w = topology.subtree_begin(u); w != topology.subtree_finish(u); ++w)
        for (const MemberId* x = topology.members_begin(*w); x != topology.members_finish(*w); ++x)
          if (is_done(member_step_byte(*x, base.slot)))
            last = std::max(last.value_or(kMinDay), st.member_day[*x * plan.day_slots + column]);
      return last;
    }
    case PrerequisiteKind::kAllUnitsBelow: {
      if (m != kNoMember || !prerequisite_met(kNoMember, u, base)) return std::nullopt;
      std::optional<DayNumber> last;
      for (const UnitId* w = topology.subtree_begin(u) + 1; w != topology.subtree_finish(u); ++w)
        if (is_done(unit_step_byte(*w, base.slot)))
          last = std::max(last.value_or(kMinDay), st.unit_day[*w * unit_slots + base.slot]);
      if (!last && is_done(unit_step_byte(u, base.slot)))
        last = st.unit_day[u * unit_slots + base.slot];
      return last;
    }
  }
  return std::nullopt;
}

std::optional<DayNumber> Engine::Impl::within_day(MemberId m, UnitId u, const StepPlan& sp,
                                                  const engine::Deadline& fixed) const {
  const std::optional<DayNumber> base = base_day(m, u, sp.within->base);
  if (!base) return std::nullopt;
  const DayNumber day = add_duration(*base, sp.within->limit);
  if (!sp.explicit_due || day < fixed.day) return day;
  // An explicit `due` still holds when earlier. On the same day the stricter of the two is cited,
  // so that a coincidence of dates never softens a violation: the `within` only when the `due`
  // alone is advisory.
  const bool within_stricter = fixed.severity == Severity::kAdvisory &&
                               sp.severity != Severity::kAdvisory &&
                               sp.within->severity != Severity::kAdvisory;
  if (day == fixed.day && within_stricter) return day;
  return std::nullopt;
}

engine::Deadline Engine::Impl::effective_due(MemberId m, UnitId u, StepId s) const {
  const UnitId where = m != kNoMember ? branch_of(m) : u;
  const engine::Deadline& fixed = schedule.deadline(s, type_of_unit(where));
  const StepPlan& sp = plan.steps[s];
  if (!sp.within) return fixed;
  const std::optional<DayNumber> day = within_day(m, u, sp, fixed);
  if (!day) return fixed;
  const WithinPlan& w = *sp.within;
  return {*day, sp.severity == Severity::kAdvisory ? Severity::kAdvisory : w.severity, w.where};
}

// Queues a check of every instance whose `within` counts from what just changed, for the day its
// deadline passes, or for the clock's day when it has passed already: a deadline already past when
// it is made is missed on the day it is made (docs/semantics.md), whatever else the calendar holds.
// A source that is no longer done (revised) takes its `within` back, and the instances fall back
// to their fixed deadline: checked on the clock's day, since the calendar's point for it may have
// fired while the `within` held. A check that finds the deadline not passed does nothing, so one a
// later change made stale decides nothing: that change queued its own check, no later than it.
void Engine::Impl::schedule_dependents(MemberId m, UnitId u, StepId s, DayNumber day,
                                       SourceChange change) {
  const DayNumber now = st.clock;
  auto check_day = [now](DayNumber due) { return std::max(due + 1, now); };
  for (StepId d : plan.steps[s].within_dependents) {
    const StepPlan& dp = plan.steps[d];
    const WithinPlan& w = *dp.within;
    QueueEntry q;
    q.step = d;
    const bool unit_up = w.base.kind == PrerequisiteKind::kNearestUnitAbove ||
                         w.base.kind == PrerequisiteKind::kNearestAboveParentFirst;
    if ((m != kNoMember && w.base.kind == PrerequisiteKind::kOwnStep) ||
        (m == kNoMember && unit_up)) {
      if (change == SourceChange::kExcused) continue;  // it was not done, and still is not
      q.day = change == SourceChange::kDone ? check_day(add_duration(day, w.limit)) : now;
      if (m != kNoMember) {
        q.kind = QueueEntry::Kind::kMember;
        q.who = m;
      } else {
        q.kind = dp.by_member ? QueueEntry::Kind::kMembersBelow : QueueEntry::Kind::kUnitsBelow;
        q.who = u;
      }
      st.queue.push(q);
    } else if ((m != kNoMember && w.base.kind == PrerequisiteKind::kAllMembersBelow) ||
               (m == kNoMember && w.base.kind == PrerequisiteKind::kAllUnitsBelow)) {
      // "Within D after X of all members / subunits": only once a whole branch is through is it
      // worth asking each enclosing performer whether all of its own are.
      const bool reopened = change == SourceChange::kReopened;
      if (!reopened && m != kNoMember &&
          st.open_members[u * member_slots + plan.steps[s].slot] != 0)
        continue;
      q.kind = QueueEntry::Kind::kUnit;
      for (UnitId v = u; v != kNoUnit; v = parent_of(v)) {
        if (unit_step_byte(v, dp.slot) == kNotApplicable) continue;
        if (reopened) {
          q.day = now;
        } else if (const auto last = base_day(kNoMember, v, w.base)) {
          q.day = check_day(add_duration(*last, w.limit));
        } else {
          continue;
        }
        q.who = v;
        st.queue.push(q);
      }
    }
  }
}

}  // namespace lockstep
