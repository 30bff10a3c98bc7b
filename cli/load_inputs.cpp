// Loading and resolving the inputs of replay, status and simulate; see load_inputs.h.
#include "cli/load_inputs.h"
#include "cli/output.h"

#include <fmt/format.h>

#include <cstdio>

#include "lockstep/civil_date.h"
#include "lockstep/diagnostic.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"

namespace lockstep::cli {
namespace {

void print_diagnostics(const Diagnostics& ds, const SourceFiles& files) {
  for (const Diagnostic& d : ds) eprint("{}\n", render_text(d, files));
}

}  // namespace

std::shared_ptr<const CampaignModel> load_model(const std::string& path) {
  RulesResult r = compile_rules_file(path);
  print_diagnostics(r.diagnostics, r.files);
  if (!r.model) {
    if (!r.unreadable && !has_errors(r.diagnostics))
      eprint("{}: declares no campaign to run\n", path);
    return nullptr;
  }
  return std::make_shared<const CampaignModel>(std::move(*r.model));
}

std::shared_ptr<const Organization> load_roster(const std::string& path,
                                                const CampaignModel& model) {
  RosterResult r = read_roster_file(path, model);
  print_diagnostics(r.diagnostics, r.files);
  if (!r.org) return nullptr;
  return std::make_shared<const Organization>(std::move(*r.org));
}

std::optional<ResolvedLog> load_events(const std::string& path, const CampaignModel& model,
                                       const Organization& org, bool skip_invalid) {
  EventLogOptions options;
  options.skip_invalid = skip_invalid;
  EventLogResult r = read_event_log_file(path, options);
  print_diagnostics(r.diagnostics, r.files);
  if (!r.events) return std::nullopt;
  ResolvedLog log = resolve_log(std::move(*r.events), model, org, skip_invalid);
  print_diagnostics(log.diagnostics, r.files);
  if (!log.ok()) return std::nullopt;
  log.skipped += r.skipped;
  if (skip_invalid && log.skipped > 0)
    eprint("{}: {} invalid record(s) skipped\n", path, log.skipped);
  return log;
}

std::optional<LogRunInputs> load_log_run(const std::string& rules_path,
                                         const std::string& roster_path,
                                         const std::string& log_path, bool skip_invalid) {
  std::shared_ptr<const CampaignModel> model = load_model(rules_path);
  if (!model) return std::nullopt;
  std::shared_ptr<const Organization> org = load_roster(roster_path, *model);
  if (!org) return std::nullopt;
  std::optional<ResolvedLog> log = load_events(log_path, *model, *org, skip_invalid);
  if (!log) return std::nullopt;
  return LogRunInputs{std::move(model), std::move(org), std::move(*log)};
}

std::optional<Run> start_run(std::shared_ptr<const CampaignModel> model,
                             std::shared_ptr<const Organization> org, const RunOptions& options) {
  RunResult started = Run::start(std::move(model), std::move(org), options);
  for (const Diagnostic& d : started.diagnostics) eprint("{}\n", render_text(d, {}));
  return std::move(started.run);
}

std::optional<DayNumber> parse_date_option(const std::string& text, const char* option) {
  const std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
  const std::optional<DayNumber> day = parse_date(text);
  if (!day) {
    eprint("lockstep: {} expects a date YYYY-MM-DD, got '{}'\n", option, shown);
    return std::nullopt;
  }
  if (!in_date_range(*day)) {
    eprint("lockstep: {} {} is out of range: {}\n", option, shown, date_range_text());
    return std::nullopt;
  }
  return day;
}

std::optional<Journal> open_journal(const char* command, const std::string& db,
                                    const JournalOptions& options, const std::string& rules,
                                    const std::string& roster) {
  if (rules.empty() != roster.empty()) {
    eprint("{}: --rules and --org go together\n", command);
    return std::nullopt;
  }
  JournalOptions with_notes = options;
  // Notes (a snapshot passed over) go to stderr through the checked output, which never throws.
  if (!with_notes.on_note)
    with_notes.on_note = [db](const std::string& text) { eprint("{}: {}\n", db, text); };
  std::string error;
  std::optional<Journal> journal = Journal::open(db, with_notes, error);
  if (!journal) {
    eprint("{}: {}\n", command, error);
    return std::nullopt;
  }
  if (!rules.empty())
    if (auto bad = journal->check_bound(rules, roster)) {
      eprint("{}: {}\n", command, *bad);
      return std::nullopt;
    }
  return journal;
}

}  // namespace lockstep::cli
