// Loading and resolving the inputs of replay, status and simulate; see load_inputs.h.
#include "cli/load_inputs.h"

#include <fmt/format.h>

#include <cstdio>

#include "db/names.h"
#include "lockstep/civil_date.h"
#include "lockstep/diagnostic.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"

namespace lockstep::cli {
namespace {

void print_diagnostics(const Diagnostics& ds, const SourceFiles& files) {
  for (const Diagnostic& d : ds) fmt::print(stderr, "{}\n", render_text(d, files));
}

}  // namespace

std::optional<CampaignModel> load_model(const std::string& path) {
  RulesResult r = compile_rules_file(path);
  print_diagnostics(r.diagnostics, r.files);
  if (!r.model) {
    if (!r.unreadable && !has_errors(r.diagnostics))
      fmt::print(stderr, "{}: declares no campaign to run\n", path);
    return std::nullopt;
  }
  return std::move(r.model);
}

std::optional<Organization> load_roster(const std::string& path, const CampaignModel& model) {
  RosterResult r = read_roster_file(path, model);
  print_diagnostics(r.diagnostics, r.files);
  return std::move(r.org);
}

std::optional<ResolvedLog> load_events(const std::string& path, const CampaignModel& model,
                                       const Organization& org, bool skip_invalid) {
  EventLogOptions options;
  options.skip_invalid = skip_invalid;
  EventLogResult r = read_event_log_file(path, options);
  print_diagnostics(r.diagnostics, r.files);
  if (!r.events) return std::nullopt;

  ResolvedLog out;
  out.skipped = r.skipped;
  const db::NameIndex names(model, org);
  Diagnostics problems;
  std::vector<LogEvent> kept;
  for (LogEvent& record : *r.events) {
    std::string error;
    std::optional<Event> e = names.resolve(record, error);
    if (e) {
      out.events.push_back(*e);
      kept.push_back(std::move(record));
      continue;
    }
    Diagnostic d;
    d.level = skip_invalid ? Diagnostic::Level::kWarning : Diagnostic::Level::kError;
    d.code = "V100";
    d.message = error;
    d.span = record.where;
    d.label = "expected a name from the rules or the roster";
    problems.push_back(std::move(d));
    if (skip_invalid) ++out.skipped;
  }
  print_diagnostics(problems, r.files);
  if (!skip_invalid && !problems.empty()) return std::nullopt;
  if (skip_invalid && out.skipped > 0)
    fmt::print(stderr, "{}: {} invalid record(s) skipped\n", path, out.skipped);
  out.log = std::move(kept);
  // Re-point excuse reasons at the records now owned by `out.log`.
  for (std::size_t i = 0; i < out.events.size(); ++i)
    if (out.events[i].kind == Event::Kind::kExcuse) out.events[i].reason = out.log[i].reason;
  return out;
}

std::optional<LogRunInputs> load_log_run(const std::string& rules_path,
                                         const std::string& roster_path,
                                         const std::string& log_path, bool skip_invalid) {
  std::optional<CampaignModel> model = load_model(rules_path);
  if (!model) return std::nullopt;
  std::optional<Organization> org = load_roster(roster_path, *model);
  if (!org) return std::nullopt;
  std::optional<ResolvedLog> log = load_events(log_path, *model, *org, skip_invalid);
  if (!log) return std::nullopt;
  return LogRunInputs{std::move(*model), std::move(*org), std::move(*log)};
}

LogEvent to_log_event(const Event& e, const CampaignModel& model, const Organization& org) {
  LogEvent r;
  r.day = e.day;
  const auto unit_id = [&](std::uint32_t u) { return org.units[u].id; };
  if (e.kind == Event::Kind::kApprove) {
    r.kind = LogEvent::Kind::kApprove;
    r.step = model.phases[e.phase].id;
    r.who = unit_id(e.actor);
    const auto& gate = model.phases[e.phase].gate;
    const bool by_group = gate && gate->approver == Gate::Approver::kSupervisionGroup;
    r.approver = by_group ? org.groups[e.approver].id : unit_id(e.approver);
    return r;
  }
  r.step = model.steps[e.step].id;
  r.who = model.steps[e.step].actor == Actor::kMember ? org.member_id(e.actor) : unit_id(e.actor);
  switch (e.kind) {
    case Event::Kind::kExcuse:
      r.kind = LogEvent::Kind::kExcuse;
      r.reason = std::string(e.reason);
      break;
    case Event::Kind::kRevise:
      r.kind = LogEvent::Kind::kRevise;
      break;
    default:
      r.kind = LogEvent::Kind::kComplete;
      if (e.evidence.hours != kNoValue) r.hours = e.evidence.hours;
      if (e.evidence.chars != kNoValue) r.chars = e.evidence.chars;
      if (e.evidence.count != kNoValue) r.count = e.evidence.count;
      if (e.evidence.form != kNoForm) r.form = model.forms[e.evidence.form].id;
      break;
  }
  return r;
}

std::optional<DayNumber> parse_date_option(const std::string& text, const char* option) {
  std::optional<DayNumber> day = parse_date(text);
  if (!day) fmt::print(stderr, "lockstep: {} expects a date YYYY-MM-DD, got '{}'\n", option, text);
  return day;
}

std::optional<Engine> start_engine(const CampaignModel& model, const Organization& org,
                                   const EngineOptions& options) {
  EngineResult made = make_engine(model, org, options);
  if (!made.engine)
    for (const Diagnostic& d : made.diagnostics) fmt::print(stderr, "error: {}\n", d.message);
  return std::move(made.engine);
}

std::optional<Journal> open_journal(const char* command, const std::string& db,
                                    const JournalOptions& options, const std::string& rules,
                                    const std::string& roster) {
  if (rules.empty() != roster.empty()) {
    fmt::print(stderr, "{}: --rules and --org go together\n", command);
    return std::nullopt;
  }
  std::string error;
  std::optional<Journal> journal = Journal::open(db, options, error);
  if (!journal) {
    fmt::print(stderr, "{}: {}\n", command, error);
    return std::nullopt;
  }
  if (!rules.empty())
    if (auto bad = journal->check_bound(rules, roster)) {
      fmt::print(stderr, "{}: {}\n", command, *bad);
      return std::nullopt;
    }
  return journal;
}

}  // namespace lockstep::cli
