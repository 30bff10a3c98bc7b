// The simulation plan of a shard (sim/plan.h), built in time linear in its members.
//
// make_plan() asks the engine for every member's status, which allocates two vectors per member;
// over a national run that is a quarter of the time. What applies to a member of a fresh
// engine, and its deadline, depend only on the member's categories and the org type of its
// responsible branch, so this builder asks once per such pair and copies the answer. The units'
// part (order, unit instances, organizations, windows) comes from make_plan() itself over the
// organization's units without their members. The result equals make_plan(fresh) field for field
// (sharded_test.cpp checks it).
#pragma once

#include "lockstep/engine.h"
#include "sim/plan.h"

namespace lockstep::sim {

// `fresh` is an engine over `org` to which no event has been applied.
Plan make_shard_plan(const Engine& fresh, const Organization& org);

}  // namespace lockstep::sim
