// `lockstep simulate RULES --org ROSTER | --synthetic N [--scenario FILE] [--seed N] [--runs K]`:
// a behaviour model (sim/) generates the events of a campaign and the engine processes them in
// audit mode, through the same run_events() as replay, so replaying --export-log with
// --export-org gives exactly the simulation's violations. One run reports the violations and the
// burn-down; K runs add, for every deadline and unit, the probability of being on time and the
// quantiles of completion dates. Run r draws from run_seed(seed, r): same seed, same output.
// Exit 0 no required violation in the first run, 1 violations, 2 bad input or usage.
#include <fmt/format.h>

#include <unistd.h>
#include <CLI/CLI.hpp>
#include <fstream>
#include <stdexcept>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/run_report.h"
#include "lockstep/event_log.h"
#include "lockstep/report.h"
#include "lockstep/roster.h"
#include "report/output.h"
#include "report/terminal.h"
#include "sim/behaviour.h"
#include "sim/forecast.h"
#include "sim/plan.h"
#include "sim/scenario.h"
#include "sim/sharded.h"
#include "util/random.h"

namespace lockstep::cli {
namespace {

bool export_log(const std::string& path, const std::vector<Event>& events,
                const CampaignModel& model, const Organization& org) {
  const std::optional<EventLogFormat> format = event_log_format_for(path);
  if (!format) {
    fmt::print(stderr, "lockstep: --export-log {}: expected a .csv, .jsonl or .xes file name\n",
               path);
    return false;
  }
  std::vector<LogEvent> log;
  log.reserve(events.size());
  for (const Event& e : events) log.push_back(to_log_event(e, model, org));
  std::ofstream out(path, std::ios::binary);
  if (out) write_event_log(log, *format, out);
  if (!out) fmt::print(stderr, "lockstep: cannot write {}\n", path);
  return static_cast<bool>(out);
}

bool export_org(const std::string& path, const Organization& org, const CampaignModel& model) {
  std::ofstream out(path, std::ios::binary);
  if (out) {
    if (path.ends_with(".json"))
      write_roster_json(org, model, out);
    else
      write_roster_csv(org, model, out);
  }
  if (!out) fmt::print(stderr, "lockstep: cannot write {}\n", path);
  return static_cast<bool>(out);
}

}  // namespace

int run_simulate(std::span<char*> args) {
  CLI::App app{"Simulate a campaign with a behaviour model and report what it breaks.",
               "lockstep simulate"};
  std::string rules, roster, scenario_path, start, log_path, org_path;
  ReportFlags report_flags;
  std::uint64_t synthetic = 0, seed = 1;
  std::uint32_t runs = 1;
  app.add_option("rules", rules, "the rules file declaring the campaign")->required();
  auto* org_opt = app.add_option("--org", roster, "the roster (CSV or JSON)");
  auto* syn_opt = app.add_option("--synthetic", synthetic, "a synthetic organization of N members")
                      ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{4000000000}));
  org_opt->excludes(syn_opt);
  app.add_option("--scenario", scenario_path, "the behaviour scenario (docs/simulate.md)");
  app.add_option("--seed", seed, "the random seed");
  app.add_option("--runs", runs, "Monte Carlo runs")->check(CLI::Range(1u, 100000u));
  app.add_option("--start", start, "the campaign's start date, when the rules give none");
  app.add_option("--export-log", log_path, "write the generated event log (.csv, .jsonl, .xes)");
  app.add_option("--export-org", org_path, "write the roster it ran on (.csv or .json)");
  add_report_flags(app, report_flags);
  if (const auto stop = parse_command_line(app, args)) return *stop;
  if (roster.empty() && synthetic == 0) {
    fmt::print(stderr, "lockstep simulate: give --org ROSTER or --synthetic N\n");
    return 2;
  }
  EngineOptions options;
  options.mode = Mode::kAudit;
  if (!start.empty() && !(options.start = parse_date_option(start, "--start"))) return 2;

  std::optional<CampaignModel> model = load_model(rules);
  if (!model) return 2;
  // Synthetic organizations above sim::kShardedAboveMembers take the streaming path
  // (sim/sharded.h): shards of whole subtrees on two threads, memory bounded whatever N, and a
  // bounded summary (text or JSON) instead of the per-unit report. Exports, --html, CSV and
  // Monte Carlo runs keep the path below.
  if (synthetic > sim::kShardedAboveMembers && runs == 1 && log_path.empty() && org_path.empty() &&
      report_flags.html.empty() && report_flags.format != "csv")
    return sim::run_sharded_command(*model, scenario_path, synthetic, seed, options.start,
                                    report_flags.format == "json",
                                    terminal_wants_color(STDOUT_FILENO));
  std::optional<Organization> org;
  if (synthetic > 0) {
    try {
      org = make_synthetic_org(*model, synthetic, seed);
    } catch (const std::exception& e) {
      fmt::print(stderr, "lockstep: --synthetic {}: {}\n", synthetic, e.what());
      return 2;
    }
  } else if (!(org = load_roster(roster, *model))) {
    return 2;
  }
  sim::Scenario scenario = sim::default_scenario(*model);
  if (!scenario_path.empty()) {
    sim::ScenarioResult s = sim::read_scenario_file(scenario_path, *model);
    for (const Diagnostic& d : s.diagnostics) fmt::print(stderr, "{}\n", render_text(d, s.files));
    if (!s.scenario) return 2;
    scenario = std::move(*s.scenario);
  }
  std::optional<Engine> made = start_engine(*model, *org, options);
  if (!made) return 2;
  const Engine& fresh = *made;
  const sim::Plan plan = sim::make_plan(fresh);
  const DayNumber until = campaign_end(fresh) + 1;

  // The first run: violations and burn-down.
  std::vector<Event> events =
      sim::simulate_events(*model, *org, plan, scenario, util::run_seed(seed, 0));
  Engine engine = fresh;
  CompletionDays days(engine);
  BurnDown burn;
  burn.first_day = engine.clock();
  burn.open_by_phase.assign(model->phases.size(), {});
  run_events(
      engine, events, until,
      [&](const Engine& e) {
        const std::vector<std::uint32_t> open = open_by_phase(e);
        for (std::size_t p = 0; p < open.size(); ++p) burn.open_by_phase[p].push_back(open[p]);
      },
      &days);
  if (!log_path.empty() && !export_log(log_path, events, *model, *org)) return 2;
  if (!org_path.empty() && !export_org(org_path, *org, *model)) return 2;

  const std::string source =
      fmt::format("simulate --seed {}{}", seed, runs > 1 ? fmt::format(" --runs {}", runs) : "");
  CampaignReport report = make_report(engine, source, &days);
  report.burn_down = std::move(burn);
  report.runs = runs;
  if (runs > 1) {
    sim::ForecastAccumulator forecast;
    forecast.add_run(report.cells, engine.clock());
    report::ProgressBar progress("simulating", runs);
    for (std::uint32_t r = 1; r < runs; ++r) {
      Engine again = fresh;
      CompletionDays again_days(again);
      run_events(again, sim::simulate_events(*model, *org, plan, scenario, util::run_seed(seed, r)),
                 until, {}, &again_days);
      if (!forecast.add_run(report_cells(again, &again_days), again.clock())) {
        fmt::print(stderr, "lockstep: run {} reports other cells than run 0\n", r);
        return 2;
      }
      progress.update(r + 1);
    }
    progress.finish();
    report.forecasts = forecast.finish();
  }
  return report::emit_report(report, output_options(report_flags), stdout, stderr);
}

}  // namespace lockstep::cli
