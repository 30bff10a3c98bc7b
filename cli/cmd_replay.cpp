// `lockstep replay RULES --org ROSTER --events LOG`: runs a recorded event log (CSV, JSON Lines or
// XES, by extension) through the engine and reports what it broke. The log is sorted stably by
// time; a bad record is an error at file:line:column and nothing is applied, unless --skip-invalid
// reports, counts and skips it. After the last event the clock runs to the end of the campaign's
// last phase window (or --until), so missed deadlines are found.
// Exit 0 no required violation, 1 violations, 2 bad input or usage.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/output.h"
#include "report/output.h"

namespace lockstep::cli {

int run_replay(std::span<char*> args) {
  CLI::App app{"Replay an event log through the engine and report its violations.",
               "lockstep replay"};
  std::string rules, roster, log, mode = "audit", start, until;
  ReportFlags report_flags;
  bool skip_invalid = false;
  app.add_option("rules", rules, "the rules file declaring the campaign")->required();
  app.add_option("--org", roster, "the roster (CSV or JSON)")->required();
  app.add_option("--events", log, "the event log (.csv, .jsonl, .xes)")->required();
  app.add_option("--mode", mode, "audit (record every violation) or enforce (refuse)")
      ->check(CLI::IsMember({"audit", "enforce"}));
  app.add_flag("--skip-invalid", skip_invalid, "report, count and skip bad records");
  add_report_flags(app, report_flags);
  app.add_option("--start", start, "the campaign's start date, when the rules give none");
  app.add_option("--until", until, "run the clock to this date (default: the campaign's end)");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  RunOptions options;
  options.engine.mode = mode == "enforce" ? Mode::kEnforce : Mode::kAudit;
  if (!start.empty() && !(options.engine.start = parse_date_option(start, "--start"))) return 2;
  std::optional<DayNumber> until_day;
  if (!until.empty() && !(until_day = parse_date_option(until, "--until"))) return 2;

  std::optional<LogRunInputs> in = load_log_run(rules, roster, log, skip_invalid);
  if (!in) return 2;
  std::optional<Run> run = start_run(in->model, in->org, options);
  if (!run) return 2;
  const std::size_t refused = run->apply(in->log.events);
  run->advance_to(until_day ? *until_day : run->end_of_campaign());
  if (refused > 0) eprint("{}: {} event(s) refused by the engine\n", log, refused);
  return emit_report(run->report("replay " + log), output_options(report_flags));
}

}  // namespace lockstep::cli
