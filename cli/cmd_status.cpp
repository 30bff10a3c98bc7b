// `lockstep status RULES --org ROSTER --events LOG --at DATE`: where every unit stands at a date.
// Only the events dated on or before DATE are applied and the clock runs to DATE, so steps due
// by then and not done show as overdue. The report is the usual one (summary first: per phase
// the on-time rate and violations by kind, the worst units; then per unit and step the counts
// done, late, excused and overdue).
// Exit 0 no required violation so far, 1 violations, 2 bad input or usage.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>

#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/run_report.h"
#include "report/output.h"

namespace lockstep::cli {

int run_status(std::span<char*> args) {
  CLI::App app{"Show where every unit stands at a date.", "lockstep status"};
  std::string rules, roster, log, at, format = "text", html, start;
  bool skip_invalid = false;
  app.add_option("rules", rules, "the rules file declaring the campaign")->required();
  app.add_option("--org", roster, "the roster (CSV or JSON)")->required();
  app.add_option("--events", log, "the event log (.csv, .jsonl, .xes)")->required();
  app.add_option("--at", at, "the date to report on (YYYY-MM-DD)")->required();
  app.add_flag("--skip-invalid", skip_invalid, "report, count and skip bad records");
  app.add_option("--format", format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  app.add_option("--html", html, "also write the offline HTML report to this file");
  app.add_option("--start", start, "the campaign's start date, when the rules give none");
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  EngineOptions options;
  options.mode = Mode::kAudit;
  if (!start.empty() && !(options.start = parse_date_option(start, "--start"))) return 2;
  const std::optional<DayNumber> at_day = parse_date_option(at, "--at");
  if (!at_day) return 2;

  std::optional<CampaignModel> model = load_model(rules);
  if (!model) return 2;
  std::optional<Organization> org = load_roster(roster, *model);
  if (!org) return 2;
  std::optional<ResolvedLog> events = load_events(log, *model, *org, skip_invalid);
  if (!events) return 2;
  EngineResult made = make_engine(*model, *org, options);
  if (!made.engine) {
    for (const Diagnostic& d : made.diagnostics) fmt::print(stderr, "error: {}\n", d.message);
    return 2;
  }
  // The events are sorted by day: those up to --at are a prefix.
  const auto end = std::find_if(events->events.begin(), events->events.end(),
                                [&](const Event& e) { return e.day > *at_day; });
  const std::span<const Event> applied(events->events.data(),
                                       static_cast<std::size_t>(end - events->events.begin()));
  run_events(*made.engine, applied, at_day);

  report::OutputOptions out;
  out.format = *report::parse_format(format);
  out.html_path = html;
  out.color = terminal_wants_color(STDOUT_FILENO);
  return report::emit_report(make_report(*made.engine, "status at " + at), out, stdout, stderr);
}

}  // namespace lockstep::cli
