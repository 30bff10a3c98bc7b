// Time passing. The clock moves only by advance events; each advance fires, in day order, the
// fixed points of the calendar (phase windows opening, branch-wide deadlines, windows ending) and
// the per-member or per-unit deadlines queued by `within` clauses. Within one day: windows open,
// then fixed deadlines, then queued deadlines, then windows end — so a step missed on the last
// day of its phase is recorded before the phase closes with it open.
//
// A deadline of day D fires on day D + 1: a step due on D may be done on D. A queued check fires on
// its own day, the day its `missed` is dated: D + 1, or the day a `within` made it already past
// (deadline.cpp, schedule_dependents).
#include <algorithm>
#include <limits>

#include "engine/engine_impl.h"

namespace lockstep {

using namespace engine;

RefusalKind Engine::Impl::advance(const Event& e) {
  if (e.day < st.clock) return refuse(e, RefusalKind::kClockBackwards);
  advance_to(e.day);
  return RefusalKind::kNone;
}

void Engine::Impl::advance_to(DayNumber day) {
  constexpr DayNumber kNever = std::numeric_limits<DayNumber>::max();
  for (;;) {
    const DayNumber next_fixed =
        st.next_point < timeline.size() ? timeline[st.next_point].day : kNever;
    const DayNumber next_queued = st.queue.earliest().value_or(kNever);
    const DayNumber d = std::min(next_fixed, next_queued);
    if (d > day) break;
    st.clock = std::max(st.clock, d);
    while (st.next_point < timeline.size() && timeline[st.next_point].day == d &&
           timeline[st.next_point].kind != TimePoint::Kind::kWindowEnds)
      fire_point(timeline[st.next_point++]);
    fired.clear();
    st.queue.pop_through(d, fired);
    for (const QueueEntry& q : fired) fire_queued(q, d);
    while (st.next_point < timeline.size() && timeline[st.next_point].day == d)
      fire_point(timeline[st.next_point++]);
  }
  st.clock = std::max(st.clock, day);
}

void Engine::Impl::fire_point(const TimePoint& p) {
  switch (p.kind) {
    case TimePoint::Kind::kWindowOpens:
      for (UnitId o : organizations_of_type[p.org_type]) {
        if (phase_event(o, p.id, PhaseEvent::kWindowOpens)) open_count_changed(o, p.id);
      }
      break;
    case TimePoint::Kind::kWindowEnds:
      for (UnitId o : organizations_of_type[p.org_type]) window_ends(o, p.id, p.day);
      break;
    case TimePoint::Kind::kDeadline:
      if (plan.steps[p.id].by_member) {
        // A branch whose members have all satisfied the step has nothing to fire (open_members
        // counts the others): most branches, by the time a deadline passes.
        const std::uint16_t slot = plan.steps[p.id].slot;
        for (UnitId b : branches_of_type[p.org_type]) {
          if (st.open_members[b * member_slots + slot] == 0) continue;
          for (const MemberId* m = topology.members_begin(b); m != topology.members_finish(b); ++m)
            fire_deadline(*m, b, p.id, p.day);
        }
      } else {
        const std::uint16_t slot = plan.steps[p.id].slot;
        for (UnitId u : units_of_type[p.org_type])
          if (unit_step_byte(u, slot) != kNotApplicable) fire_deadline(kNoMember, u, p.id, p.day);
      }
      break;
  }
}

void Engine::Impl::fire_queued(const QueueEntry& q, DayNumber now) {
  const StepPlan& sp = plan.steps[q.step];
  switch (q.kind) {
    case QueueEntry::Kind::kMember:
      fire_deadline(q.who, branch_of(q.who), q.step, now);
      break;
    case QueueEntry::Kind::kUnit:
      fire_deadline(kNoMember, q.who, q.step, now);
      break;
    case QueueEntry::Kind::kMembersBelow:
      for (const UnitId* w = topology.subtree_begin(q.who); w != topology.subtree_finish(q.who);
           ++w) {
        if (st.open_members[*w * member_slots + sp.slot] == 0) continue;  // as in fire_point
        for (const MemberId* m = topology.members_begin(*w); m != topology.members_finish(*w); ++m)
          fire_deadline(*m, *w, q.step, now);
      }
      break;
    case QueueEntry::Kind::kUnitsBelow:
      for (const UnitId* w = topology.subtree_begin(q.who); w != topology.subtree_finish(q.who);
           ++w)
        if (unit_step_byte(*w, sp.slot) != kNotApplicable)
          fire_deadline(kNoMember, *w, q.step, now);
      break;
  }
}

// Marks one instance overdue when its deadline, as it stands now, is before `now`. Idempotent:
// an instance already overdue, done or excused is left alone, so a deadline may be checked from
// the fixed calendar and from the queue without counting twice.
void Engine::Impl::fire_deadline(MemberId m, UnitId u, StepId s, DayNumber now) {
  const StepPlan& sp = plan.steps[s];
  std::uint8_t& byte = m != kNoMember ? member_step_byte(m, sp.slot) : unit_step_byte(u, sp.slot);
  if (is_satisfied(byte)) return;
  const engine::Deadline due = effective_due(m, m != kNoMember ? kNoUnit : u, s);
  if (due.day >= now) return;
  const std::uint8_t next = step_next(byte, StepEvent::kDeadlinePassed);
  if (next == kNoTransition) return;
  byte = next;
  std::uint16_t reps = 0;
  if (m == kNoMember)
    reps = st.unit_reps[u * unit_slots + sp.slot];
  else if (sp.rep_slot != kNoSlot)
    reps = st.member_reps[m * plan.rep_slots + sp.rep_slot];
  Violation v;
  v.unit = u;
  v.member = m;
  v.phase = sp.phase;
  v.step = s;
  v.day = now;
  v.severity = due.severity;
  if (reps > 0 && reps < sp.min_repetitions) {
    v.kind = ViolationKind::kTooFewRepetitions;
    v.rule = model->steps[s].where;
    v.expected = sp.min_repetitions;
    v.actual = reps;
  } else {
    v.kind = ViolationKind::kMissed;
    v.rule = due.rule;
    v.expected = due.day;
    v.actual = now;
  }
  record(v);
}

}  // namespace lockstep
