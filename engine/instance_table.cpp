// The step instances' rows, their initial state, and the prerequisite checks that read them.
#include "engine/instance_table.h"

#include <algorithm>

namespace lockstep::engine {

void InstanceTable::initialize(const Context& c) {
  const std::size_t members = c.org->member_count();
  const std::size_t units = c.org->units.size();
  member_slots_ = c.member_slots;
  unit_slots_ = c.unit_slots;
  day_slots_ = c.plan.day_slots;
  rep_slots_ = c.plan.rep_slots;
  member_step.assign(members * member_slots_, kLockedByte);
  satisfied.assign(members, 0);
  member_day.assign(members * day_slots_, 0);
  member_reps.assign(members * rep_slots_, 0);
  unit_step.assign(units * unit_slots_, kNotApplicable);
  unit_day.assign(units * unit_slots_, 0);
  unit_reps.assign(units * unit_slots_, 0);
  open_members.assign(units * member_slots_, 0);
  for (MemberId m = 0; m < members; ++m) {
    const UnitId b = c.branch_of(m);
    for (std::uint16_t k = 0; k < member_slots_; ++k) {
      const Step& step = c.model->steps[c.plan.member_steps[k]];
      if (applies_to_member(step, c.org->member_categories[m], c.type_of_unit(b))) {
        ++open_members[b * member_slots_ + k];
      } else {
        member_step_byte(m, k) = kNotApplicable;
        satisfied[m] |= std::uint64_t{1} << k;
      }
    }
  }
  for (UnitId u = 0; u < units; ++u)
    for (std::uint16_t k = 0; k < unit_slots_; ++k)
      if (performs(c.model->steps[c.plan.unit_steps[k]], *c.org, u))
        unit_step_byte(u, k) = kLockedByte;
  kernels_ =
      build_member_kernels(c.plan, unit_step, unit_slots_, c.topology.parent, c.schedule, c.tables);
}

void InstanceTable::adopt_rows(InstanceTable&& loaded) {
  member_step = std::move(loaded.member_step);
  satisfied = std::move(loaded.satisfied);
  member_day = std::move(loaded.member_day);
  member_reps = std::move(loaded.member_reps);
  unit_step = std::move(loaded.unit_step);
  unit_day = std::move(loaded.unit_day);
  unit_reps = std::move(loaded.unit_reps);
  open_members = std::move(loaded.open_members);
}

UnitId InstanceTable::nearest_performer(const Context& c, UnitId from,
                                        const PrerequisiteCheck& r) const {
  if (r.kind == PrerequisiteKind::kNearestUnitAbove) {
    for (UnitId v = from; v != kNoUnit; v = c.parent_of(v))
      if (unit_step_byte(v, r.slot) != kNotApplicable) return v;
    return kNoUnit;
  }
  for (UnitId v = c.parent_of(from); v != kNoUnit; v = c.parent_of(v))
    if (unit_step_byte(v, r.slot) != kNotApplicable) return v;
  return unit_step_byte(from, r.slot) != kNotApplicable ? from : kNoUnit;
}

bool InstanceTable::prerequisite_met(const Context& c, MemberId m, UnitId u,
                                     const PrerequisiteCheck& r) const {
  switch (r.kind) {
    case PrerequisiteKind::kOwnStep:
      return (satisfied[m] >> r.slot) & 1;
    case PrerequisiteKind::kNearestUnitAbove:
    case PrerequisiteKind::kNearestAboveParentFirst: {
      const UnitId v = nearest_performer(c, m != kNoMember ? c.branch_of(m) : u, r);
      return v == kNoUnit || is_satisfied(unit_step_byte(v, r.slot));
    }
    case PrerequisiteKind::kAllMembersBelow:
      for (const UnitId* w = c.topology.subtree_begin(u); w != c.topology.subtree_finish(u); ++w)
        if (open_members_of(*w, r.slot) != 0) return false;
      return true;
    case PrerequisiteKind::kAllUnitsBelow: {
      bool anyone = false;
      for (const UnitId* w = c.topology.subtree_begin(u) + 1; w != c.topology.subtree_finish(u);
           ++w) {
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

bool InstanceTable::prerequisites_met(const Context& c, MemberId m, UnitId u, StepId s) const {
  const StepPlan& sp = c.plan.steps[s];
  if (m != kNoMember && (sp.self_mask & ~satisfied[m]) != 0) return false;
  for (const PrerequisiteCheck& r : sp.other_prerequisites)
    if (!prerequisite_met(c, m, u, r)) return false;
  return true;
}

void InstanceTable::list_unmet(const Context& c, MemberId m, UnitId u, StepId s,
                               std::vector<UnmetPrerequisite>& out,
                               std::vector<UnmetPrerequisite>& spare) const {
  const StepPlan& sp = c.plan.steps[s];
  auto start = [&](const PrerequisiteCheck& r) -> UnmetPrerequisite& {
    UnmetPrerequisite& x = out.emplace_back();
    if (!spare.empty()) {
      x = std::move(spare.back());
      spare.pop_back();
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
      if (prerequisite_met(c, m, u, r)) continue;
      UnmetPrerequisite& x = start(r);
      x.members.push_back(m);
      x.count = 1;
    }
  }
  for (const PrerequisiteCheck& r : sp.other_prerequisites) {
    if (prerequisite_met(c, m, u, r)) continue;
    UnmetPrerequisite& x = start(r);
    switch (r.kind) {
      case PrerequisiteKind::kOwnStep:
        break;
      case PrerequisiteKind::kNearestUnitAbove:
      case PrerequisiteKind::kNearestAboveParentFirst:
        x.units.push_back(nearest_performer(c, m != kNoMember ? c.branch_of(m) : u, r));
        x.count = 1;
        break;
      case PrerequisiteKind::kAllMembersBelow:
        for (const UnitId* w = c.topology.subtree_begin(u); w != c.topology.subtree_finish(u);
             ++w) {
          for (const MemberId* p = c.topology.members_begin(*w); p != c.topology.members_finish(*w);
               ++p) {
            if ((satisfied[*p] >> r.slot) & 1) continue;
            if (x.members.size() < UnmetPrerequisite::kMaxListed) x.members.push_back(*p);
            ++x.count;
          }
        }
        break;
      case PrerequisiteKind::kAllUnitsBelow: {
        bool anyone = false;
        for (const UnitId* w = c.topology.subtree_begin(u) + 1; w != c.topology.subtree_finish(u);
             ++w) {
          const std::uint8_t byte = unit_step_byte(*w, r.slot);
          if (byte == kNotApplicable) continue;
          anyone = true;
          if (is_satisfied(byte)) continue;
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
  // Room for the records to be kept aside again later without allocating then.
  spare.reserve(spare.size() + out.size());
}

}  // namespace lockstep::engine
