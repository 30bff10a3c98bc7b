// `lockstep status RULES --org ROSTER --events LOG --at DATE`: where every unit stands at a date.
// Only the events dated on or before DATE are applied and the clock runs to DATE, so steps due
// by then and not done show as overdue. The report is the usual one (summary first: per phase
// the on-time rate and violations by kind, the worst units; then the violations); in text a table
// of every unit follows (required work, done, late, overdue, open, on-time rate, violations), in
// JSON the cells give the same per unit and step.
// Exit 0 no required violation so far, 1 violations, 2 bad input or usage.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/output.h"
#include "report/output.h"

namespace lockstep::cli {

int emit_status_report(const CampaignReport& report, const report::OutputOptions& options) {
  const int code = emit_report(report, options);
  if (options.format == report::Format::kText && code != 2) out(report::render_units_text(report));
  return code;
}

int run_status(std::span<char*> args) {
  CLI::App app{"Show where every unit stands at a date.", "lockstep status"};
  std::string rules, roster, log, at, start;
  ReportFlags report_flags;
  bool skip_invalid = false;
  app.add_option("rules", rules, "the rules file declaring the campaign")->required();
  app.add_option("--org", roster, "the roster (CSV or JSON)")->required();
  app.add_option("--events", log, "the event log (.csv, .jsonl, .xes)")->required();
  app.add_option("--at", at, "the date to report on (YYYY-MM-DD)")->required();
  app.add_flag("--skip-invalid", skip_invalid, "report, count and skip bad records");
  add_report_flags(app, report_flags);
  app.add_option("--start", start, "the campaign's start date, when the rules give none");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  RunOptions options;
  options.engine.mode = Mode::kAudit;
  if (!start.empty() && !(options.engine.start = parse_date_option(start, "--start"))) return 2;
  const std::optional<DayNumber> at_day = parse_date_option(at, "--at");
  if (!at_day) return 2;

  std::optional<LogRunInputs> in = load_log_run(rules, roster, log, skip_invalid);
  if (!in) return 2;
  std::optional<Run> run = start_run(in->model, in->org, options);
  if (!run) return 2;
  // The events are sorted by day: those up to --at are a prefix.
  const std::vector<Event>& events = in->log.events;
  const auto end =
      std::find_if(events.begin(), events.end(), [&](const Event& e) { return e.day > *at_day; });
  run->apply(std::span<const Event>(events.data(), static_cast<std::size_t>(end - events.begin())));
  run->advance_to(*at_day);
  return emit_status_report(run->report("status at " + at), output_options(report_flags));
}

}  // namespace lockstep::cli
