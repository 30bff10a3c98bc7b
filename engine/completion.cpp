// Completions, excuses and revisions of step instances: EngineState's handlers, which change the
// instances (InstanceTable), tell the phases (PhaseBook) and the deadlines' queue (Clock) what
// changed, and record what the events break.
//
// The hot path is a member completing a step whose prerequisites are its own earlier steps and
// its branch's steps: a mask test, a walk of at most the tree's depth, a table look-up, a byte,
// a day and two counters. Nothing allocates unless a violation is recorded or the event is
// refused. A member completion that is in order, on time and meets its evidence is settled first
// by the member kernel (complete_member.h) with the same state changes; complete_by<true> takes
// every other one.
#include <algorithm>

#include "engine/engine_impl.h"
#include "engine/requirements.h"

namespace lockstep {

using namespace engine;

// One body for both kinds of actor, compiled twice: a member completion, the hot path, then
// carries none of the unit case's tests.
template <bool by_member>
RefusalKind EngineState::complete_by(const Event& e, const StepPlan& sp) {
  InstanceTable::Located at;
  if (const RefusalKind bad = instances.locate<by_member>(context, {e.actor_kind, e.actor}, sp, at);
      bad != RefusalKind::kNone)
    return refuse(e, bad);
  const MemberId m = at.member;
  const UnitId u = at.unit;
  std::uint8_t& byte = *at.byte;
  if (is_done(byte)) return refuse(e, RefusalKind::kDuplicate);

  const UnitId subject = by_member ? kNoUnit : u;
  // The member's own earlier steps are one mask test; the other prerequisites are walked.
  bool met = !by_member || (sp.self_mask & ~instances.satisfied[m]) == 0;
  for (auto r = sp.other_prerequisites.begin(); met && r != sp.other_prerequisites.end(); ++r)
    met = instances.prerequisite_met(context, m, subject, *r);
  std::uint8_t state = byte;
  if (state == kLockedByte && met) state = context.step_next(state, StepEvent::kUnlock);
  if (!met && mode == Mode::kEnforce && sp.required) {
    refuse(e, RefusalKind::kOutOfOrder);
    instances.list_unmet(context, m, subject, e.step, refusal.unmet, spare_unmet);
    const bool only_members =
        std::all_of(refusal.unmet.begin(), refusal.unmet.end(), [&](const UnmetPrerequisite& x) {
          return !by_member && context.plan.steps[x.step].by_member;
        });
    if (only_members) refusal.kind = RefusalKind::kMembersNotDone;
    return refusal.kind;
  }

  std::uint16_t* reps = nullptr;
  if (by_member) {
    if (sp.rep_slot != kNoSlot) reps = &instances.member_reps_of(m, sp.rep_slot);
  } else {
    reps = &instances.unit_reps_of(u, sp.slot);
  }
  const std::uint16_t count = reps ? static_cast<std::uint16_t>(std::min(*reps + 1, 0xffff)) : 1;
  StepEvent ev = StepEvent::kCompleteOnTime;
  engine::Deadline due{};
  if (state == kReopenedByte) {
    ev = StepEvent::kCompleteOnTime;  // a revision has no deadline of its own
  } else if (count < sp.min_repetitions) {
    ev = StepEvent::kRepetition;
  } else if (state != kOverdueByte && e.day <= deadlines().due_day(m, subject, e.step)) {
    // On time, the usual case: no Deadline (and its rule) is built.
  } else {
    due = deadlines().effective_due(m, subject, e.step);
    ev = StepEvent::kCompleteLate;
  }
  const std::uint8_t next = context.step_next(state, ev);
  if (next == kNoTransition) return refuse(e, RefusalKind::kNotApplicable);

  // Accepted. Record what it breaks of the order first, then change the state.
  if (!met) {
    auto note = [&](const PrerequisiteCheck& r, ViolationKind kind, std::int64_t missing) {
      Violation v;
      v.kind = kind;
      v.severity = sp.severity;
      v.unit = u;
      v.member = m;
      v.phase = sp.phase;
      v.step = e.step;
      v.day = e.day;
      v.rule = r.where;
      v.other_step = r.step;
      v.actual = missing;
      records.violations.push_back(v);
    };
    if (by_member)
      for (const PrerequisiteCheck& r : sp.own_prerequisites)
        if (!instances.prerequisite_met(context, m, subject, r))
          note(r, ViolationKind::kOutOfOrder, 1);
    for (const PrerequisiteCheck& r : sp.other_prerequisites) {
      if (instances.prerequisite_met(context, m, subject, r)) continue;
      if (r.kind == PrerequisiteKind::kAllMembersBelow) {
        std::int64_t missing = 0;
        const Topology& tree = context.topology;
        for (const UnitId* w = tree.subtree_begin(u); w != tree.subtree_finish(u); ++w)
          missing += instances.open_members_of(*w, r.slot);
        note(r, ViolationKind::kMembersNotDone, missing);
      } else {
        note(r, ViolationKind::kOutOfOrder, 1);
      }
    }
  }
  const bool was_satisfied = is_satisfied(byte);
  byte = next;
  if (reps) *reps = count;
  if (ev == StepEvent::kCompleteLate) {
    Violation v;
    v.kind = ViolationKind::kLate;
    v.severity = due.severity;
    v.unit = u;
    v.member = m;
    v.phase = sp.phase;
    v.step = e.step;
    v.day = e.day;
    v.rule = due.rule;
    v.expected = due.day;
    v.actual = e.day;
    records.violations.push_back(v);
  }
  if (is_done(next)) {
    if (by_member) {
      if (sp.day_slot != kNoSlot) instances.member_day_of(m, sp.day_slot) = e.day;
    } else {
      instances.unit_day_of(u, sp.slot) = e.day;
    }
  }
  if (!was_satisfied && is_satisfied(next)) satisfied_changed(m, u, sp, true);
  if (!sp.within_dependents.empty() && is_done(next))
    deadlines().schedule_dependents(clock.queue, clock.today, m, u, e.step, e.day,
                                    SourceChange::kDone);
  if (sp.has_requirements && !meets_all(sp.evidence, e.evidence))
    check_requirements(context, e, m, u, records.violations);
  return RefusalKind::kNone;
}

template RefusalKind EngineState::complete_by<true>(const Event&, const StepPlan&);
template RefusalKind EngineState::complete_by<false>(const Event&, const StepPlan&);

// Excusing and revising share complete_by's prologue (InstanceTable::locate) and, like it, change
// the byte only through the lifecycle table.
RefusalKind EngineState::locate_transition(const Event& e, StepEvent event, std::uint8_t already,
                                           Transition& out) {
  if (e.step >= context.plan.steps.size()) return refuse(e, RefusalKind::kUnknownId);
  out.step = &context.plan.steps[e.step];
  if (const RefusalKind bad = instances.locate(context, {e.actor_kind, e.actor}, *out.step, out.at);
      bad != RefusalKind::kNone)
    return refuse(e, bad);
  if (*out.at.byte == already) return refuse(e, RefusalKind::kDuplicate);
  out.next = context.step_next(*out.at.byte, event);
  if (out.next == kNoTransition) return refuse(e, RefusalKind::kNotApplicable);
  return RefusalKind::kNone;
}

RefusalKind EngineState::excuse(const Event& e) {
  Transition t;
  if (const RefusalKind bad = locate_transition(e, StepEvent::kExcuse, kExcusedByte, t);
      bad != RefusalKind::kNone)
    return bad;
  const StepPlan& sp = *t.step;
  const bool was_satisfied = is_satisfied(*t.at.byte);
  *t.at.byte = t.next;
  records.excuses.push_back({e.actor, e.step, e.day, records.reason_id(e.reason)});
  if (!was_satisfied) satisfied_changed(t.at.member, t.at.unit, sp, true);
  if (!sp.within_dependents.empty())
    deadlines().schedule_dependents(clock.queue, clock.today, t.at.member, t.at.unit, e.step, e.day,
                                    SourceChange::kExcused);
  return RefusalKind::kNone;
}

RefusalKind EngineState::revise(const Event& e) {
  Transition t;
  if (const RefusalKind bad = locate_transition(e, StepEvent::kRevise, kReopenedByte, t);
      bad != RefusalKind::kNone)
    return bad;
  const StepPlan& sp = *t.step;
  *t.at.byte = t.next;
  satisfied_changed(t.at.member, t.at.unit, sp, false);
  if (!sp.within_dependents.empty())
    deadlines().schedule_dependents(clock.queue, clock.today, t.at.member, t.at.unit, e.step, e.day,
                                    SourceChange::kReopened);
  return RefusalKind::kNone;
}

}  // namespace lockstep
