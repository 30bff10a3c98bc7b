// Building a simulation plan from a fresh engine's queries; see plan.h.
#include "sim/plan.h"

#include <queue>

namespace lockstep::sim {
namespace {

// Kahn's algorithm, smallest ready id first, so the order is deterministic.
std::vector<StepId> topological_order(const CampaignModel& model) {
  const std::size_t n = model.steps.size();
  std::vector<std::uint32_t> waiting(n, 0);
  std::vector<std::vector<StepId>> dependents(n);
  const auto depends = [&](StepId s, StepId on) {
    if (on >= n || on == s) return;
    ++waiting[s];
    dependents[on].push_back(s);
  };
  for (StepId s = 0; s < n; ++s) {
    for (const Prerequisite& p : model.steps[s].after) depends(s, p.step);
    // A "within" counts from its step's day, which must be simulated first.
    if (model.steps[s].within) depends(s, model.steps[s].within->after.step);
  }
  std::priority_queue<StepId, std::vector<StepId>, std::greater<>> ready;
  for (StepId s = 0; s < n; ++s)
    if (waiting[s] == 0) ready.push(s);
  std::vector<StepId> order;
  std::vector<bool> placed(n, false);
  while (!ready.empty()) {
    const StepId s = ready.top();
    ready.pop();
    order.push_back(s);
    placed[s] = true;
    for (StepId d : dependents[s])
      if (--waiting[d] == 0) ready.push(d);
  }
  for (StepId s = 0; s < n; ++s)
    if (!placed[s]) order.push_back(s);
  return order;
}

}  // namespace

DayNumber Plan::aim_of(const CampaignModel& model, StepId step, std::optional<DayNumber> due,
                       UnitId unit) const {
  const PhaseId p = model.steps[step].phase;
  const DayNumber close = window(unit, p).second;
  if (!due) return close;
  // Due at the binding end only because its window is advisory: the window's end is the aim.
  if (!model.steps[step].deadline && *due == binding_end(unit, p) && close < *due) return close;
  return *due;
}

Plan make_plan(const Engine& fresh) {
  const CampaignModel& model = fresh.model();
  const Organization& org = fresh.organization();
  Plan plan;
  plan.order = topological_order(model);
  plan.instances.resize(model.steps.size());
  plan.phase_count = model.phases.size();
  plan.organization.assign(org.units.size(), kNoUnit);
  plan.unit_window.assign(org.units.size() * plan.phase_count, {1, 0});
  plan.unit_binding_end.assign(org.units.size() * plan.phase_count, 0);
  for (UnitId u = 0; u < org.units.size(); ++u)
    for (PhaseId p = 0; p < plan.phase_count; ++p) {
      if (auto w = fresh.phase_window(u, p)) plan.unit_window[u * plan.phase_count + p] = *w;
      if (auto b = fresh.phase_binding_end(u, p))
        plan.unit_binding_end[u * plan.phase_count + p] = *b;
    }

  const auto due_of = [&](const StepStatus& s, UnitId unit) {
    return plan.aim_of(model, s.step, s.due, unit);
  };
  // One status record for all units and one for all members: their lists are reused.
  UnitStatus unit;
  for (UnitId u = 0; u < org.units.size(); ++u) {
    if (!fresh.unit_status(u, unit)) continue;
    plan.organization[u] = unit.organization;
    for (const StepStatus& s : unit.steps) plan.instances[s.step].push_back({u, u, due_of(s, u)});
  }
  MemberStatus member;
  for (MemberId m = 0; m < org.member_count(); ++m) {
    if (!fresh.member_status(m, member)) continue;
    for (const StepStatus& s : member.steps)
      plan.instances[s.step].push_back({m, member.branch, due_of(s, member.branch)});
  }
  return plan;
}

}  // namespace lockstep::sim
