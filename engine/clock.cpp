// Time passing; see clock.h.
#include "engine/clock.h"

#include <algorithm>
#include <limits>
#include <tuple>

#include "engine/deadlines.h"
#include "engine/instance_table.h"
#include "engine/phase_book.h"
#include "lockstep/civil_date.h"

namespace lockstep::engine {

void Clock::initialize(const Context& c) {
  timeline.clear();
  // Only points someone can be concerned by: a type with no unit has no deadlines to fire.
  for (std::size_t t = 0; t < c.schedule.org_types; ++t) {
    const auto type = static_cast<OrgTypeId>(t);
    if (!c.organizations_of_type[t].empty()) {
      for (PhaseId p = 0; p < c.phases; ++p) {
        timeline.push_back({c.schedule.start(p, type), TimePoint::Kind::kWindowOpens, p, type});
        timeline.push_back(
            {c.schedule.binding(p, type) + 1, TimePoint::Kind::kWindowEnds, p, type});
        if (c.schedule.advisory_end(p, type))
          timeline.push_back(
              {c.schedule.end(p, type) + 1, TimePoint::Kind::kReferenceWindowEnds, p, type});
      }
    }
    for (StepId s = 0; s < c.model->steps.size(); ++s) {
      const bool anyone =
          c.plan.steps[s].by_member ? !c.branches_of_type[t].empty() : !c.units_of_type[t].empty();
      if (!anyone) continue;
      timeline.push_back(
          {c.schedule.deadline(s, type).day + 1, TimePoint::Kind::kDeadline, s, type});
      if (const DayNumber r = c.schedule.reference(s, type); r != kNoReference)
        timeline.push_back({r + 1, TimePoint::Kind::kReferenceDeadline, s, type});
    }
  }
  std::sort(timeline.begin(), timeline.end(), [](const TimePoint& a, const TimePoint& b) {
    return std::tie(a.day, a.kind, a.id, a.org_type) < std::tie(b.day, b.kind, b.id, b.org_type);
  });
  next_point = 0;
  queue = CalendarQueue(c.start);
  today = kMinDay;
}

void Clock::advance_to(DayNumber day, const FiringTargets& t) {
  constexpr DayNumber kNever = std::numeric_limits<DayNumber>::max();
  for (;;) {
    const DayNumber next_fixed = next_point < timeline.size() ? timeline[next_point].day : kNever;
    const DayNumber next_queued = queue.earliest().value_or(kNever);
    const DayNumber d = std::min(next_fixed, next_queued);
    if (d > day) break;
    today = std::max(today, d);
    while (next_point < timeline.size() && timeline[next_point].day == d &&
           timeline[next_point].kind < TimePoint::Kind::kWindowEnds)
      fire_point(timeline[next_point++], t);
    fired_.clear();
    queue.pop_through(d, fired_);
    for (const QueueEntry& q : fired_) fire_queued(q, d, t);
    while (next_point < timeline.size() && timeline[next_point].day == d)
      fire_point(timeline[next_point++], t);
  }
  today = std::max(today, day);
}

void Clock::fire_point(const TimePoint& p, const FiringTargets& t) {
  const Context& c = t.context;
  switch (p.kind) {
    case TimePoint::Kind::kWindowOpens:
      for (UnitId o : c.organizations_of_type[p.org_type]) t.phases.window_opens(c, o, p.id);
      break;
    case TimePoint::Kind::kWindowEnds:
      for (UnitId o : c.organizations_of_type[p.org_type])
        t.phases.window_ends(c, o, p.id, p.day, t.violations);
      break;
    case TimePoint::Kind::kReferenceWindowEnds:
      for (UnitId o : c.organizations_of_type[p.org_type])
        t.phases.reference_window_ends(c, o, p.id, p.day, t.violations);
      break;
    case TimePoint::Kind::kDeadline:
    case TimePoint::Kind::kReferenceDeadline: {
      const bool reference = p.kind == TimePoint::Kind::kReferenceDeadline;
      if (c.plan.steps[p.id].by_member) {
        // A branch whose members have all satisfied the step has nothing to fire (open_members
        // counts the others): most branches, by the time a deadline passes.
        const std::uint16_t slot = c.plan.steps[p.id].slot;
        for (UnitId b : c.branches_of_type[p.org_type]) {
          if (t.instances.open_members_of(b, slot) == 0) continue;
          for (const MemberId* m = c.topology.members_begin(b); m != c.topology.members_finish(b);
               ++m)
            fire_deadline(*m, b, p.id, p.day, t, reference);
        }
      } else {
        const std::uint16_t slot = c.plan.steps[p.id].slot;
        for (UnitId u : c.units_of_type[p.org_type])
          if (t.instances.unit_step_byte(u, slot) != kNotApplicable)
            fire_deadline(kNoMember, u, p.id, p.day, t, reference);
      }
      break;
    }
  }
}

void Clock::fire_queued(const QueueEntry& q, DayNumber now, const FiringTargets& t) {
  const Context& c = t.context;
  const StepPlan& sp = c.plan.steps[q.step];
  switch (q.kind) {
    case QueueEntry::Kind::kMember:
      fire_deadline(q.who, c.branch_of(q.who), q.step, now, t);
      break;
    case QueueEntry::Kind::kUnit:
      fire_deadline(kNoMember, q.who, q.step, now, t);
      break;
    case QueueEntry::Kind::kMembersBelow:
      for (const UnitId* w = c.topology.subtree_begin(q.who); w != c.topology.subtree_finish(q.who);
           ++w) {
        if (t.instances.open_members_of(*w, sp.slot) == 0) continue;  // as in fire_point
        for (const MemberId* m = c.topology.members_begin(*w); m != c.topology.members_finish(*w);
             ++m)
          fire_deadline(*m, *w, q.step, now, t);
      }
      break;
    case QueueEntry::Kind::kUnitsBelow:
      for (const UnitId* w = c.topology.subtree_begin(q.who); w != c.topology.subtree_finish(q.who);
           ++w)
        if (t.instances.unit_step_byte(*w, sp.slot) != kNotApplicable)
          fire_deadline(kNoMember, *w, q.step, now, t);
      break;
  }
}

// Marks one instance overdue when its deadline, as it stands now, is before `now`. Idempotent:
// an instance already overdue, done or excused is left alone, so a deadline may be checked from
// the fixed calendar and from the queue without counting twice.
//
// With `reference`, `now` is the day after the instance's reference date (its advisory window's
// end): an instance that its deadline would find passed at that date, were the window binding, is
// recorded as advisory, citing the window, and stays as it is; its binding deadline decides later.
// An instance whose `within` has replaced its phase's end has no reference date.
void Clock::fire_deadline(MemberId m, UnitId u, StepId s, DayNumber now, const FiringTargets& t,
                          bool reference) {
  const Context& c = t.context;
  const StepPlan& sp = c.plan.steps[s];
  InstanceTable& instances = t.instances;
  std::uint8_t& byte = m != kNoMember ? instances.member_step_byte(m, sp.slot)
                                      : instances.unit_step_byte(u, sp.slot);
  if (is_satisfied(byte)) return;
  Deadline due = Deadlines(c, instances).effective_due(m, m != kNoMember ? kNoUnit : u, s);
  const std::uint8_t next = c.step_next(byte, StepEvent::kDeadlinePassed);
  if (next == kNoTransition) return;
  if (reference) {
    const OrgTypeId type = c.type_of_unit(u);
    if (due.day != c.schedule.deadline(s, type).day) return;
    due = {c.schedule.reference(s, type), Severity::kAdvisory,
           c.schedule.window_rule[sp.phase * c.schedule.org_types + type]};
  }
  if (due.day >= now) return;
  if (!reference) byte = next;
  std::uint16_t reps = 0;
  if (m == kNoMember)
    reps = instances.unit_reps_of(u, sp.slot);
  else if (sp.rep_slot != kNoSlot)
    reps = instances.member_reps_of(m, sp.rep_slot);
  Violation v;
  v.unit = u;
  v.member = m;
  v.phase = sp.phase;
  v.step = s;
  v.day = now;
  v.severity = due.severity;
  if (reps > 0 && reps < sp.min_repetitions) {
    v.kind = ViolationKind::kTooFewRepetitions;
    v.rule = c.model->steps[s].where;
    v.expected = sp.min_repetitions;
    v.actual = reps;
  } else {
    v.kind = ViolationKind::kMissed;
    v.rule = due.rule;
    v.expected = due.day;
    v.actual = now;
  }
  t.violations.push_back(v);
}

}  // namespace lockstep::engine
