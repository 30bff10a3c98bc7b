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
#include <limits>
#include <stdexcept>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/output.h"
#include "io/synthetic_org.h"
#include "lockstep/event_log.h"
#include "lockstep/report.h"
#include "lockstep/roster.h"
#include "report/output.h"
#include "report/terminal.h"
#include "sim/scenario.h"
#include "sim/sharded.h"
#include "sim/simulation.h"
#include "util/replace_file.h"

namespace lockstep::cli {
namespace {

bool export_log(const std::string& path, const std::vector<Event>& events,
                const CampaignModel& model, const Organization& org) {
  const std::optional<EventLogFormat> format = event_log_format_for(path);
  if (!format) {
    eprint("lockstep: --export-log {}: expected a .csv, .jsonl or .xes file name\n", path);
    return false;
  }
  std::vector<LogEvent> log;
  log.reserve(events.size());
  for (const Event& e : events) log.push_back(log_event_of(e, model, org));
  // Whole or not at all: a failed export leaves no half log beside a report that claims it.
  util::FileReplacement file(path);
  if (file.ok()) write_event_log(log, *format, file.stream());
  if (const auto problem = file.commit()) {
    eprint("lockstep: cannot write {}: {}\n", path, *problem);
    return false;
  }
  return true;
}

bool export_org(const std::string& path, const Organization& org, const CampaignModel& model) {
  util::FileReplacement file(path);
  if (file.ok()) {
    if (path.ends_with(".json"))
      write_roster_json(org, model, file.stream());
    else
      write_roster_csv(org, model, file.stream());
  }
  if (const auto problem = file.commit()) {
    eprint("lockstep: cannot write {}: {}\n", path, *problem);
    return false;
  }
  return true;
}

// `simulate --synthetic N` for large N: the sharded run on two threads (sim/sharded.h) and its
// bounded summary on stdout, as text or JSON.
int run_sharded(const CampaignModel& model, const std::string& scenario_path, std::uint64_t members,
                std::uint64_t seed, std::optional<DayNumber> start, bool json) {
  sim::Scenario scenario = sim::default_scenario(model);
  if (!scenario_path.empty()) {
    sim::ScenarioResult s = sim::read_scenario_file(scenario_path, model);
    for (const Diagnostic& d : s.diagnostics) eprint("{}\n", render_text(d, s.files));
    if (!s.scenario) return 2;
    scenario = std::move(*s.scenario);
  }
  sim::ShardedOptions options;
  options.members = members;
  options.seed = seed;
  options.start = start;
  const sim::ShardedResult result = sim::simulate_sharded(model, scenario, options);
  if (!result.summary) {
    for (const Diagnostic& d : result.diagnostics) eprint("{}\n", render_text(d, {}));
    return 2;
  }
  const ShardedSummary& s = *result.summary;
  const std::string source = fmt::format("simulate --seed {} --synthetic {}", seed, members);
  out(json ? render_sharded_json(s, model, source)
           : render_sharded_text(s, model, source, terminal_wants_color(STDOUT_FILENO)));
  std::uint64_t errors = 0;
  for (const auto& by_kind : s.errors)
    for (std::uint64_t n : by_kind) errors += n;
  return errors == 0 ? 0 : 1;
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
                      ->check(whole_number(1, 4000000000));
  org_opt->excludes(syn_opt);
  app.add_option("--scenario", scenario_path, "the behaviour scenario (docs/simulate.md)");
  app.add_option("--seed", seed, "the random seed")
      ->check(whole_number(0, std::numeric_limits<std::uint64_t>::max()));
  app.add_option("--runs", runs, "Monte Carlo runs")->check(whole_number(1, 100000));
  app.add_option("--start", start, "the campaign's start date, when the rules give none");
  app.add_option("--export-log", log_path, "write the generated event log (.csv, .jsonl, .xes)");
  app.add_option("--export-org", org_path, "write the roster it ran on (.csv or .json)");
  add_report_flags(app, report_flags);
  if (const auto stop = parse_command_line(app, args)) return *stop;
  if (roster.empty() && synthetic == 0) {
    eprint("lockstep simulate: give --org ROSTER or --synthetic N\n");
    return 2;
  }
  RunOptions options;
  options.engine.mode = Mode::kAudit;
  if (!start.empty() && !(options.engine.start = parse_date_option(start, "--start"))) return 2;

  std::shared_ptr<const CampaignModel> model = load_model(rules);
  if (!model) return 2;
  // Synthetic organizations above sim::kShardedAboveMembers take the streaming path
  // (sim/sharded.h): shards of whole subtrees on two threads, memory bounded whatever N, and a
  // bounded summary (text or JSON) instead of the per-unit report. Exports, --html, CSV and
  // Monte Carlo runs keep the path below.
  if (synthetic > sim::kShardedAboveMembers && runs == 1 && log_path.empty() && org_path.empty() &&
      report_flags.html.empty() && report_flags.format != "csv")
    return run_sharded(*model, scenario_path, synthetic, seed, options.engine.start,
                       report_flags.format == "json");
  std::shared_ptr<const Organization> org;
  if (synthetic > 0) {
    try {
      org = std::make_shared<const Organization>(make_synthetic_org(*model, synthetic, seed));
    } catch (const std::exception& e) {
      eprint("lockstep: --synthetic {}: {}\n", synthetic, e.what());
      return 2;
    }
  } else if (!(org = load_roster(roster, *model))) {
    return 2;
  }
  sim::Scenario scenario = sim::default_scenario(*model);
  if (!scenario_path.empty()) {
    sim::ScenarioResult s = sim::read_scenario_file(scenario_path, *model);
    for (const Diagnostic& d : s.diagnostics) eprint("{}\n", render_text(d, s.files));
    if (!s.scenario) return 2;
    scenario = std::move(*s.scenario);
  }
  const std::optional<Run> fresh = start_run(model, org, options);
  if (!fresh) return 2;

  std::optional<report::ProgressBar> progress;
  if (runs > 1) progress.emplace("simulating", runs);
  sim::SimulationOptions simulation{seed, runs, {}};
  if (progress) simulation.on_run = [&](std::uint32_t done) { progress->update(done); };
  std::string error;
  std::optional<sim::Simulation> result = sim::simulate(*fresh, scenario, simulation, error);
  if (progress) progress->finish();
  if (!result) {
    eprint("lockstep: {}\n", error);
    return 2;
  }
  if (!log_path.empty() && !export_log(log_path, result->events, *model, *org)) return 2;
  if (!org_path.empty() && !export_org(org_path, *org, *model)) return 2;
  return emit_report(result->report, output_options(report_flags));
}

}  // namespace lockstep::cli
