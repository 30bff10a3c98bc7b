// The behaviour model: one simulated run of a campaign. For every instance of the plan, in
// prerequisite order, it draws whether the actor skips the step, ignores its prerequisites, how
// long it takes (scaled by the member's categories, the unit's org type and its seasons) and
// whether it finishes late (against the deadline the engine will apply, "within" clauses counted
// from the simulated day of what they name), and emits the completions; then it approves every gate
// once the organization's required work in the phase is done (or at the window's end). Where a
// window is advisory, people aim at its end, the date given for reference, and a unit behind it
// has its gate approved when its work is done, up to the binding end (sim/plan.h).
//
// Invariants: the same plan, scenario and seed give the same events, byte for byte; five random
// draws per instance (fewer only for rates of 0, which draw nothing), so changing one non-zero
// rate does not reshuffle the others; events come out stably sorted by day (counted into day
// order, sim/day_events.h); the only allocations are per-step day arrays and the output's
// buffers, which a reused DayEvents keeps.
#pragma once

#include <cstdint>
#include <vector>

#include "lockstep/event.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"
#include "sim/day_events.h"
#include "sim/plan.h"
#include "sim/scenario.h"

namespace lockstep::sim {

// One run's events into `out`, replacing what it held (its buffers are reused).
void simulate_events(const CampaignModel& model, const Organization& org, const Plan& plan,
                     const Scenario& scenario, std::uint64_t seed, DayEvents& out);

// The same events as Event structs, in the same order.
std::vector<Event> simulate_events(const CampaignModel& model, const Organization& org,
                                   const Plan& plan, const Scenario& scenario, std::uint64_t seed);

}  // namespace lockstep::sim
