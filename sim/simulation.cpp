// Running the behaviour model's events through the pipeline; see simulation.h.
#include "sim/simulation.h"

#include <fmt/format.h>

#include "sim/behaviour.h"
#include "sim/forecast.h"
#include "sim/plan.h"
#include "util/random.h"

namespace lockstep::sim {

std::optional<Simulation> simulate(const Run& fresh, const Scenario& scenario,
                                   const SimulationOptions& options, std::string& error) {
  const CampaignModel& model = fresh.model();
  const Organization& org = fresh.organization();
  const Plan plan = make_plan(fresh.engine());
  const DayNumber end = fresh.end_of_campaign();

  Simulation out;
  out.events = simulate_events(model, org, plan, scenario, util::run_seed(options.seed, 0));
  Run first = fresh;
  first.apply(out.events);
  first.advance_to(end);
  const std::string source =
      fmt::format("simulate --seed {}{}", options.seed,
                  options.runs > 1 ? fmt::format(" --runs {}", options.runs) : "");
  out.report = first.report(source);
  out.report.runs = options.runs;
  if (options.on_run) options.on_run(1);
  if (options.runs <= 1) return out;

  ForecastAccumulator forecast;
  forecast.add_run(out.report.cells, first.engine().clock());
  for (std::uint32_t r = 1; r < options.runs; ++r) {
    Run again = fresh;
    again.apply(simulate_events(model, org, plan, scenario, util::run_seed(options.seed, r)));
    again.advance_to(end);
    if (!forecast.add_run(again.cells(), again.engine().clock())) {
      error = fmt::format("run {} reports other cells than run 0", r);
      return std::nullopt;
    }
    if (options.on_run) options.on_run(r + 1);
  }
  out.report.forecasts = forecast.finish();
  return out;
}

}  // namespace lockstep::sim
