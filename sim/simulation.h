// A simulation: the behaviour model's events for a campaign, run through the run pipeline
// (lockstep/run.h) as a replay of them would be, once or K times (Monte Carlo).
//
// The first run gives the report (violations, cells, burn-down) and its events, which
// `--export-log` writes; every further run r draws from util::run_seed(seed, r) and adds its cells
// to the forecasts. Same fresh run, scenario, seed and count: the same report, byte for byte.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lockstep/campaign_report.h"
#include "lockstep/run.h"
#include "sim/scenario.h"

namespace lockstep::sim {

struct SimulationOptions {
  std::uint64_t seed = 1;
  std::uint32_t runs = 1;
  // Called after each run with the number of runs done, for a progress bar.
  std::function<void(std::uint32_t)> on_run;
};

struct Simulation {
  CampaignReport report;      // the first run's, with the forecasts when runs > 1
  std::vector<Event> events;  // the first run's events, in the order applied
};

// Simulates from `fresh`, a run no event has been applied to. Nothing, with `error` set, when a
// later run's cells differ from the first run's (which a sound plan never gives).
std::optional<Simulation> simulate(const Run& fresh, const Scenario& scenario,
                                   const SimulationOptions& options, std::string& error);

}  // namespace lockstep::sim
