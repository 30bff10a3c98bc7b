// The deadline of a step instance as it stands, and the checks `within` clauses queue; see
// deadlines.h.
#include "engine/deadlines.h"

#include <algorithm>

#include "lockstep/civil_date.h"

namespace lockstep::engine {

std::optional<DayNumber> Deadlines::base_day(MemberId m, UnitId u,
                                             const PrerequisiteCheck& base) const {
  switch (base.kind) {
    case PrerequisiteKind::kOwnStep:
      if (m == kNoMember || !is_done(instances_.member_step_byte(m, base.slot)))
        return std::nullopt;
      return instances_.member_day_of(m, c_.plan.steps[base.step].day_slot);
    case PrerequisiteKind::kNearestUnitAbove:
    case PrerequisiteKind::kNearestAboveParentFirst: {
      const UnitId v = instances_.nearest_performer(c_, m != kNoMember ? c_.branch_of(m) : u, base);
      if (v == kNoUnit || !is_done(instances_.unit_step_byte(v, base.slot))) return std::nullopt;
      return instances_.unit_day_of(v, base.slot);
    }
    case PrerequisiteKind::kAllMembersBelow: {
      if (m != kNoMember || !instances_.prerequisite_met(c_, kNoMember, u, base))
        return std::nullopt;
      const std::uint16_t column = c_.plan.steps[base.step].day_slot;
      std::optional<DayNumber> last;
      for (const UnitId* w = c_.topology.subtree_begin(u); w != c_.topology.subtree_finish(u); ++w)
        for (const MemberId* x = c_.topology.members_begin(*w); x != c_.topology.members_finish(*w);
             ++x)
          if (is_done(instances_.member_step_byte(*x, base.slot)))
            last = std::max(last.value_or(kMinDay), instances_.member_day_of(*x, column));
      return last;
    }
    case PrerequisiteKind::kAllUnitsBelow: {
      if (m != kNoMember || !instances_.prerequisite_met(c_, kNoMember, u, base))
        return std::nullopt;
      std::optional<DayNumber> last;
      for (const UnitId* w = c_.topology.subtree_begin(u) + 1; w != c_.topology.subtree_finish(u);
           ++w)
        if (is_done(instances_.unit_step_byte(*w, base.slot)))
          last = std::max(last.value_or(kMinDay), instances_.unit_day_of(*w, base.slot));
      if (!last && is_done(instances_.unit_step_byte(u, base.slot)))
        last = instances_.unit_day_of(u, base.slot);
      return last;
    }
  }
  return std::nullopt;
}

std::optional<DayNumber> Deadlines::within_day(MemberId m, UnitId u, const StepPlan& sp,
                                               const Deadline& fixed) const {
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

Deadline Deadlines::effective_due(MemberId m, UnitId u, StepId s) const {
  const Deadline& fixed = fixed_deadline(m, u, s);
  const StepPlan& sp = c_.plan.steps[s];
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
void Deadlines::schedule_dependents(CalendarQueue& queue, DayNumber today, MemberId m, UnitId u,
                                    StepId s, DayNumber day, SourceChange change) const {
  const DayNumber now = today;
  auto check_day = [now](DayNumber due) { return std::max(due + 1, now); };
  for (StepId d : c_.plan.steps[s].within_dependents) {
    const StepPlan& dp = c_.plan.steps[d];
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
      queue.push(q);
    } else if ((m != kNoMember && w.base.kind == PrerequisiteKind::kAllMembersBelow) ||
               (m == kNoMember && w.base.kind == PrerequisiteKind::kAllUnitsBelow)) {
      // "Within D after X of all members / subunits": only once a whole branch is through is it
      // worth asking each enclosing performer whether all of its own are.
      const bool reopened = change == SourceChange::kReopened;
      if (!reopened && m != kNoMember && instances_.open_members_of(u, c_.plan.steps[s].slot) != 0)
        continue;
      q.kind = QueueEntry::Kind::kUnit;
      for (UnitId v = u; v != kNoUnit; v = c_.parent_of(v)) {
        if (instances_.unit_step_byte(v, dp.slot) == kNotApplicable) continue;
        if (reopened) {
          q.day = now;
        } else if (const auto last = base_day(kNoMember, v, w.base)) {
          q.day = check_day(add_duration(*last, w.limit));
        } else {
          continue;
        }
        q.who = v;
        queue.push(q);
      }
    }
  }
}

}  // namespace lockstep::engine
