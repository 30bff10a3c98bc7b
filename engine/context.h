// What make_engine derives once from the model and the roster and never changes afterwards: the
// compiled plan, the calendar, the tree, the lifecycle tables, the widths of the state's rows and
// which units of each org type a calendar point concerns. The engine's collaborators
// (InstanceTable, PhaseBook, Clock) each take it as a const reference; none owns or changes it,
// so an engine is copied by copying its parts and nothing points from one part into another.
//
// Invariants (after derive()): member_slots == plan.member_steps.size(), unit_slots ==
// plan.unit_steps.size(), phases == model->phases.size(); each *_of_type list holds units of
// that org type by id.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/lifecycle.h"
#include "engine/plan.h"
#include "engine/schedule.h"
#include "engine/topology.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep::engine {

struct Context {
  const CampaignModel* model = nullptr;
  const Organization* org = nullptr;
  DayNumber start = 0;
  Plan plan;
  Schedule schedule;
  Topology topology;
  LifecycleTables tables{};
  std::size_t member_slots = 0, unit_slots = 0, phases = 0;
  std::vector<std::vector<UnitId>> branches_of_type;  // branches with responsible members
  std::vector<std::vector<UnitId>> units_of_type;     // every unit
  std::vector<std::vector<UnitId>> organizations_of_type;

  // Fills the widths and the lists by type from the model, the plan and the topology.
  void derive() {
    member_slots = plan.member_steps.size();
    unit_slots = plan.unit_steps.size();
    phases = model->phases.size();
    tables = lifecycle_tables();
    const std::size_t types = schedule.org_types;
    branches_of_type.assign(types, {});
    units_of_type.assign(types, {});
    organizations_of_type.assign(types, {});
    for (UnitId u = 0; u < org->units.size(); ++u) {
      const OrgTypeId t = type_of_unit(u);
      units_of_type[t].push_back(u);
      if (topology.responsible_begin[u + 1] > topology.responsible_begin[u])
        branches_of_type[t].push_back(u);
      if (u != 0 && org->units[u].parent == 0) organizations_of_type[t].push_back(u);
    }
  }

  UnitId branch_of(MemberId m) const { return org->member_responsible[m]; }
  OrgTypeId type_of_unit(UnitId u) const { return topology.org_type[u]; }
  UnitId parent_of(UnitId u) const { return topology.parent[u]; }
  std::uint8_t step_next(std::uint8_t state, StepEvent e) const {
    return tables.step[state][static_cast<int>(e)];
  }
};

}  // namespace lockstep::engine
