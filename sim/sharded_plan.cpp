// The linear-time plan; see sharded_plan.h.
#include "sim/sharded_plan.h"

#include <map>
#include <utility>

namespace lockstep::sim {

Plan make_shard_plan(const Engine& fresh, const Organization& org) {
  // The units alone: the same tree, no members, so make_plan() walks units only.
  auto units_only = std::make_shared<Organization>();
  units_only->units = org.units;
  units_only->groups = org.groups;
  for (Unit& u : units_only->units) u.first_member = u.end_member = 0;
  EngineOptions options;
  options.mode = fresh.mode();
  options.start = fresh.start();
  EngineResult bare = make_engine(fresh.shared_model(), std::move(units_only), options);
  if (!bare.engine) return make_plan(fresh);  // cannot happen for a valid tree; stay correct
  Plan plan = make_plan(*bare.engine);

  // Member instances, by step then member id, as make_plan() orders them.
  using Key = std::pair<std::uint64_t, OrgTypeId>;
  std::map<Key, std::vector<std::pair<StepId, DayNumber>>> answers;
  const CampaignModel& model = fresh.model();
  for (MemberId m = 0; m < org.member_count(); ++m) {
    const UnitId branch = org.member_responsible[m];
    const Key key{org.member_categories[m], org.units[branch].org_type};
    auto it = answers.find(key);
    if (it == answers.end()) {
      std::vector<std::pair<StepId, DayNumber>> steps;
      if (const std::optional<MemberStatus> st = fresh.member_status(m))
        for (const StepStatus& s : st->steps)
          steps.emplace_back(s.step, plan.aim_of(model, s.step, s.due, branch));
      it = answers.emplace(key, std::move(steps)).first;
    }
    for (const auto& [step, due] : it->second) {
      // The window's end is the branch's own, which its org type fixes too.
      plan.instances[step].push_back({m, branch, due});
    }
  }
  return plan;
}

}  // namespace lockstep::sim
