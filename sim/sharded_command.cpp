// `lockstep simulate --synthetic N` for large N: reads the scenario, runs the sharded simulation
// on two threads and prints its bounded summary; see sharded.h.
#include <fmt/format.h>

#include <cstdio>

#include "sim/sharded.h"

namespace lockstep::sim {

int run_sharded_command(const CampaignModel& model, const std::string& scenario_path,
                        std::uint64_t members, std::uint64_t seed, std::optional<DayNumber> start,
                        bool json, bool color) {
  Scenario scenario = default_scenario(model);
  if (!scenario_path.empty()) {
    ScenarioResult s = read_scenario_file(scenario_path, model);
    for (const Diagnostic& d : s.diagnostics) fmt::print(stderr, "{}\n", render_text(d, s.files));
    if (!s.scenario) return 2;
    scenario = std::move(*s.scenario);
  }
  ShardedOptions options;
  options.members = members;
  options.seed = seed;
  options.start = start;
  const ShardedResult result = simulate_sharded(model, scenario, options);
  if (!result.summary) {
    for (const Diagnostic& d : result.diagnostics) fmt::print(stderr, "error: {}\n", d.message);
    return 2;
  }
  const ShardedSummary& s = *result.summary;
  const std::string source = fmt::format("simulate --seed {} --synthetic {}", seed, members);
  const std::string out =
      json ? render_sharded_json(s, model, source) : render_sharded_text(s, model, source, color);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::uint64_t errors = 0;
  for (const auto& by_kind : s.errors)
    for (std::uint64_t n : by_kind) errors += n;
  return errors == 0 ? 0 : 1;
}

}  // namespace lockstep::sim
