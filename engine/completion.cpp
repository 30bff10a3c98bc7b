// Completions, excuses and revisions of step instances, and the prerequisite checks they need.
//
// The hot path is a member completing a step whose prerequisites are its own earlier steps and
// its branch's steps: a mask test, a walk of at most the tree's depth, a table look-up, a byte,
// a day and two counters. Nothing allocates unless a violation is recorded or the event is
// refused. A member completion that is in order, on time and meets its evidence is settled first
// by the member kernel (member_kernel.cpp) with the same state changes; complete_by<true> takes
// every other one.
#include <algorithm>

#include "engine/engine_impl.h"

namespace lockstep {

using namespace engine;

namespace {

constexpr auto kExcusedByte = static_cast<std::uint8_t>(StepState::kExcused);
constexpr auto kOverdueByte = static_cast<std::uint8_t>(StepState::kOverdue);
constexpr auto kReopenedByte = static_cast<std::uint8_t>(StepState::kReopened);

// Whether requirement `a` asks more than `b` (same field): the one that wins when a member is in
// several categories with overrides ("leading_cadre: chars >= 2500" over "in_service: 1500").
bool stricter(const Requirement& a, const Requirement& b) {
  if (a.comparison != b.comparison) return false;
  if (a.comparison == Requirement::Comparison::kAtLeast) return a.value > b.value;
  if (a.comparison == Requirement::Comparison::kAtMost) return a.value < b.value;
  return false;
}

std::int64_t evidence_value(const Evidence& e, Requirement::Field f) {
  switch (f) {
    case Requirement::Field::kHours:
      return e.hours;
    case Requirement::Field::kChars:
      return e.chars;
    case Requirement::Field::kCount:
      return e.count;
    case Requirement::Field::kForm:
      return e.form == kNoForm ? kNoValue : e.form;
  }
  return kNoValue;
}

bool meets(const Requirement& r, std::int64_t value) {
  if (value < 0) return false;  // not reported
  switch (r.comparison) {
    case Requirement::Comparison::kAtLeast:
      return value >= r.value;
    case Requirement::Comparison::kAtMost:
      return value <= r.value;
    case Requirement::Comparison::kEqual:
      return value == r.value;
  }
  return false;
}

}  // namespace

UnitId Engine::Impl::nearest_performer(UnitId from, const PrerequisiteCheck& r) const {
  if (r.kind == PrerequisiteKind::kNearestUnitAbove) {
    for (UnitId v = from; v != kNoUnit; v = parent_of(v))
      if (unit_step_byte(v, r.slot) != kNotApplicable) return v;
    return kNoUnit;
  }
  for (UnitId v = parent_of(from); v != kNoUnit; v = parent_of(v))
    if (unit_step_byte(v, r.slot) != kNotApplicable) return v;
  return unit_step_byte(from, r.slot) != kNotApplicable ? from : kNoUnit;
}

bool Engine::Impl::prerequisite_met(MemberId m, UnitId u, const PrerequisiteCheck& r) const {
  switch (r.kind) {
    case PrerequisiteKind::kOwnStep:
      return (st.satisfied[m] >> r.slot) & 1;
    case PrerequisiteKind::kNearestUnitAbove:
    case PrerequisiteKind::kNearestAboveParentFirst: {
      const UnitId v = nearest_performer(m != kNoMember ? branch_of(m) : u, r);
      return v == kNoUnit || is_satisfied(unit_step_byte(v, r.slot));
    }
    case PrerequisiteKind::kAllMembersBelow:
      for (const UnitId* w = topology.subtree_begin(u); w != topology.subtree_finish(u); ++w)
        if (st.open_members[*w * member_slots + r.slot] != 0) return false;
      return true;
    case PrerequisiteKind::kAllUnitsBelow: {
      bool anyone = false;
      for (const UnitId* w = topology.subtree_begin(u) + 1; w != topology.subtree_finish(u); ++w) {
        const std::uint8_t s = unit_step_byte(*w, r.slot);
        if (s == kNotApplicable) continue;
        anyone = true;
        if (!is_satisfied(s)) return false;
      }
      // A grassroots organization that is a single branch is its own only subunit.
      return anyone || is_satisfied(unit_step_byte(u, r.slot));
    }
  }
  return true;
}

bool Engine::Impl::prerequisites_met(MemberId m, UnitId u, StepId s) const {
  const StepPlan& sp = plan.steps[s];
  if (m != kNoMember && (sp.self_mask & ~st.satisfied[m]) != 0) return false;
  for (const PrerequisiteCheck& r : sp.other_prerequisites)
    if (!prerequisite_met(m, u, r)) return false;
  return true;
}

void Engine::Impl::list_unmet(MemberId m, UnitId u, StepId s) {
  const StepPlan& sp = plan.steps[s];
  std::vector<UnmetPrerequisite>& out = refusal.unmet;
  auto start = [&](const PrerequisiteCheck& r) -> UnmetPrerequisite& {
    UnmetPrerequisite& x = out.emplace_back();
    if (!spare_unmet.empty()) {
      x = std::move(spare_unmet.back());
      spare_unmet.pop_back();
      x.units.clear();
      x.members.clear();
      x.count = 0;
    }
    x.step = r.step;
    x.scope = r.scope;
    x.rule = r.where;
    return x;
  };
  if (m != kNoMember) {
    for (const PrerequisiteCheck& r : sp.own_prerequisites) {
      if (prerequisite_met(m, u, r)) continue;
      UnmetPrerequisite& x = start(r);
      x.members.push_back(m);
      x.count = 1;
    }
  }
  for (const PrerequisiteCheck& r : sp.other_prerequisites) {
    if (prerequisite_met(m, u, r)) continue;
    UnmetPrerequisite& x = start(r);
    switch (r.kind) {
      case PrerequisiteKind::kOwnStep:
        break;
      case PrerequisiteKind::kNearestUnitAbove:
      case PrerequisiteKind::kNearestAboveParentFirst:
        x.units.push_back(nearest_performer(m != kNoMember ? branch_of(m) : u, r));
        x.count = 1;
        break;
      case PrerequisiteKind::kAllMembersBelow:
        for (const UnitId* w = topology.subtree_begin(u); w != topology.subtree_finish(u); ++w) {
          for (const MemberId* p = topology.members_begin(*w); p != topology.members_finish(*w);
               ++p) {
            if ((st.satisfied[*p] >> r.slot) & 1) continue;
            if (x.members.size() < UnmetPrerequisite::kMaxListed) x.members.push_back(*p);
            ++x.count;
          }
        }
        break;
      case PrerequisiteKind::kAllUnitsBelow: {
        bool anyone = false;
        for (const UnitId* w = topology.subtree_begin(u) + 1; w != topology.subtree_finish(u);
             ++w) {
          const std::uint8_t st8 = unit_step_byte(*w, r.slot);
          if (st8 == kNotApplicable) continue;
          anyone = true;
          if (is_satisfied(st8)) continue;
          if (x.units.size() < UnmetPrerequisite::kMaxListed) x.units.push_back(*w);
          ++x.count;
        }
        if (!anyone) {
          x.units.push_back(u);
          x.count = 1;
        }
        break;
      }
    }
  }
  // Room for refuse() to keep these records aside later without allocating then.
  spare_unmet.reserve(spare_unmet.size() + out.size());
}

// One body for both kinds of actor, compiled twice: a member completion, the hot path, then
// carries none of the unit case's tests.
template <bool by_member>
RefusalKind Engine::Impl::complete_by(const Event& e, const StepPlan& sp) {
  if (e.actor >= (by_member ? org->member_count() : org->units.size()))
    return refuse(e, RefusalKind::kUnknownId);
  const MemberId m = by_member ? e.actor : kNoMember;
  const UnitId u = by_member ? branch_of(m) : e.actor;
  std::uint8_t& byte = by_member ? member_step_byte(m, sp.slot) : unit_step_byte(u, sp.slot);
  if (byte == kNotApplicable) return refuse(e, RefusalKind::kNotApplicable);
  if (is_done(byte)) return refuse(e, RefusalKind::kDuplicate);

  const UnitId subject = by_member ? kNoUnit : u;
  // The member's own earlier steps are one mask test; the other prerequisites are walked.
  bool met = !by_member || (sp.self_mask & ~st.satisfied[m]) == 0;
  for (auto r = sp.other_prerequisites.begin(); met && r != sp.other_prerequisites.end(); ++r)
    met = prerequisite_met(m, subject, *r);
  std::uint8_t state = byte;
  if (state == kLockedByte && met) state = step_next(state, StepEvent::kUnlock);
  if (!met && mode == Mode::kEnforce && sp.required) {
    refuse(e, RefusalKind::kOutOfOrder);
    list_unmet(m, subject, e.step);
    const bool only_members = std::all_of(
        refusal.unmet.begin(), refusal.unmet.end(),
        [&](const UnmetPrerequisite& x) { return !by_member && plan.steps[x.step].by_member; });
    if (only_members) refusal.kind = RefusalKind::kMembersNotDone;
    return refusal.kind;
  }

  std::uint16_t* reps = nullptr;
  if (by_member) {
    if (sp.rep_slot != kNoSlot) reps = &st.member_reps[m * plan.rep_slots + sp.rep_slot];
  } else {
    reps = &st.unit_reps[u * unit_slots + sp.slot];
  }
  const std::uint16_t count = reps ? static_cast<std::uint16_t>(std::min(*reps + 1, 0xffff)) : 1;
  StepEvent ev = StepEvent::kCompleteOnTime;
  engine::Deadline due{};
  if (state == kReopenedByte) {
    ev = StepEvent::kCompleteOnTime;  // a revision has no deadline of its own
  } else if (count < sp.min_repetitions) {
    ev = StepEvent::kRepetition;
  } else if (state != kOverdueByte && e.day <= due_day(m, subject, e.step)) {
    // On time, the usual case: no Deadline (and its rule) is built.
  } else {
    due = effective_due(m, subject, e.step);
    ev = StepEvent::kCompleteLate;
  }
  const std::uint8_t next = step_next(state, ev);
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
      record(v);
    };
    if (by_member)
      for (const PrerequisiteCheck& r : sp.own_prerequisites)
        if (!prerequisite_met(m, subject, r)) note(r, ViolationKind::kOutOfOrder, 1);
    for (const PrerequisiteCheck& r : sp.other_prerequisites) {
      if (prerequisite_met(m, subject, r)) continue;
      if (r.kind == PrerequisiteKind::kAllMembersBelow) {
        std::int64_t missing = 0;
        for (const UnitId* w = topology.subtree_begin(u); w != topology.subtree_finish(u); ++w)
          missing += st.open_members[*w * member_slots + r.slot];
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
    record(v);
  }
  if (is_done(next)) {
    if (by_member) {
      if (sp.day_slot != kNoSlot) st.member_day[m * plan.day_slots + sp.day_slot] = e.day;
    } else {
      st.unit_day[u * unit_slots + sp.slot] = e.day;
    }
  }
  if (!was_satisfied && is_satisfied(next)) {
    if (by_member)
      member_satisfied(m, u, sp);  // the usual case, inline
    else
      satisfied_changed(m, u, e.step, true);
  }
  if (!sp.within_dependents.empty() && is_done(next))
    schedule_dependents(m, u, e.step, e.day, SourceChange::kDone);
  if (sp.has_requirements && !meets_all(sp.evidence, e.evidence)) check_requirements(e, m, u);
  return RefusalKind::kNone;
}

template RefusalKind Engine::Impl::complete_by<true>(const Event&, const StepPlan&);
template RefusalKind Engine::Impl::complete_by<false>(const Event&, const StepPlan&);

void Engine::Impl::check_requirements(const Event& e, MemberId m, UnitId u) {
  const Step& step = model->steps[e.step];
  const std::uint64_t categories = m != kNoMember ? org->member_categories[m] : 0;
  const OrgTypeId org_type = type_of_unit(u);  // a member's: its branch's, as for `only`
  // A replacement (model.h, Requirement) that applies to this actor.
  auto replaces_for_actor = [&](const Requirement& r) {
    return (r.for_category && ((categories >> *r.for_category) & 1)) ||
           (r.for_org_type && *r.for_org_type == org_type);
  };
  auto check = [&](const Requirement& r) {
    const std::int64_t value = evidence_value(e.evidence, r.field);
    if (meets(r, value)) return;
    Violation v;
    v.kind = ViolationKind::kRequirementNotMet;
    v.severity = step.severity == Severity::kAdvisory ? Severity::kAdvisory : r.severity;
    v.unit = u;
    v.member = m;
    v.phase = step.phase;
    v.step = e.step;
    v.day = e.day;
    v.rule = r.where;
    v.field = r.field;
    v.expected = r.value;
    v.actual = value < 0 ? kNoValue : value;
    record(v);
  };
  for (int f = 0; f < 4; ++f) {
    const auto field = static_cast<Requirement::Field>(f);
    const Requirement* chosen = nullptr;
    for (const Requirement& r : step.requirements) {
      if (r.field != field || !replaces_for_actor(r)) continue;
      if (!chosen || stricter(r, *chosen)) chosen = &r;
    }
    if (chosen) {
      check(*chosen);
      continue;
    }
    for (const Requirement& r : step.requirements)
      if (r.field == field && !r.for_category && !r.for_org_type) check(r);
  }
}

void Engine::Impl::satisfied_changed(MemberId m, UnitId u, StepId s, bool now) {
  const StepPlan& sp = plan.steps[s];
  UnitId o = kNoUnit;
  if (m != kNoMember) {
    const std::uint64_t bit = std::uint64_t{1} << sp.slot;
    st.satisfied[m] = now ? st.satisfied[m] | bit : st.satisfied[m] & ~bit;
    std::uint32_t& open = st.open_members[branch_of(m) * member_slots + sp.slot];
    open = now ? open - 1 : open + 1;
    o = topology.organization[branch_of(m)];
  } else {
    o = topology.organization[u];
  }
  if (!sp.required || o == kNoUnit) return;
  std::uint32_t& open = st.open_required[o * phases + sp.phase];
  open = now ? open - 1 : open + 1;
  open_count_changed(o, sp.phase);
}

RefusalKind Engine::Impl::excuse(const Event& e) {
  if (e.step >= plan.steps.size()) return refuse(e, RefusalKind::kUnknownId);
  const StepPlan& sp = plan.steps[e.step];
  if (e.actor >= (sp.by_member ? org->member_count() : org->units.size()))
    return refuse(e, RefusalKind::kUnknownId);
  const MemberId m = sp.by_member ? e.actor : kNoMember;
  const UnitId u = sp.by_member ? branch_of(m) : e.actor;
  std::uint8_t& byte = sp.by_member ? member_step_byte(m, sp.slot) : unit_step_byte(u, sp.slot);
  if (byte == kNotApplicable) return refuse(e, RefusalKind::kNotApplicable);
  if (byte == kExcusedByte) return refuse(e, RefusalKind::kDuplicate);
  const std::uint8_t next = step_next(byte, StepEvent::kExcuse);
  if (next == kNoTransition) return refuse(e, RefusalKind::kNotApplicable);
  const bool was_satisfied = is_satisfied(byte);
  byte = next;
  st.excuses.push_back({e.actor, e.step, e.day, reason_id(e.reason)});
  if (!was_satisfied) satisfied_changed(m, u, e.step, true);
  if (!sp.within_dependents.empty())
    schedule_dependents(m, u, e.step, e.day, SourceChange::kExcused);
  return RefusalKind::kNone;
}

RefusalKind Engine::Impl::revise(const Event& e) {
  if (e.step >= plan.steps.size()) return refuse(e, RefusalKind::kUnknownId);
  const StepPlan& sp = plan.steps[e.step];
  if (e.actor >= (sp.by_member ? org->member_count() : org->units.size()))
    return refuse(e, RefusalKind::kUnknownId);
  const MemberId m = sp.by_member ? e.actor : kNoMember;
  const UnitId u = sp.by_member ? branch_of(m) : e.actor;
  std::uint8_t& byte = sp.by_member ? member_step_byte(m, sp.slot) : unit_step_byte(u, sp.slot);
  if (byte == kNotApplicable) return refuse(e, RefusalKind::kNotApplicable);
  if (byte == kReopenedByte) return refuse(e, RefusalKind::kDuplicate);
  const std::uint8_t next = step_next(byte, StepEvent::kRevise);
  if (next == kNoTransition) return refuse(e, RefusalKind::kNotApplicable);
  byte = next;
  satisfied_changed(m, u, e.step, false);
  if (!sp.within_dependents.empty())
    schedule_dependents(m, u, e.step, e.day, SourceChange::kReopened);
  return RefusalKind::kNone;
}

}  // namespace lockstep
