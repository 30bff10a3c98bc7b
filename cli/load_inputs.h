// Loading what replay, status and simulate run on: a rules file compiled to a campaign model, a
// roster read against it, and an event log resolved to engine events; and the journal that status
// and record run on. Every problem is printed to stderr (a rules, roster or log problem as a
// rendered diagnostic: file:line:column, what was expected) and the loader returns nothing; the
// callers then exit with 2.
//
// Invariants: a ResolvedLog's events hold string views (excuse reasons) into its own `log`, so it
// must be kept alive, and unmoved element-wise, while its events are used. Events keep the log's
// stably sorted order.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lockstep/engine.h"
#include "lockstep/event.h"
#include "lockstep/event_log.h"
#include "lockstep/journal.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep::cli {

std::optional<CampaignModel> load_model(const std::string& path);
std::optional<Organization> load_roster(const std::string& path, const CampaignModel& model);

struct ResolvedLog {
  std::vector<LogEvent> log;  // as read, stably sorted by time
  std::vector<Event> events;  // one per record kept, same order
  std::size_t skipped = 0;    // bad records left out (skip_invalid only)
};

// Reads an event log (format by extension) and resolves every name against the model and roster.
// A record naming an unknown member, unit, step, phase, form or approver is an error at its
// file:line:column; with `skip_invalid` it is a warning and the record is left out.
std::optional<ResolvedLog> load_events(const std::string& path, const CampaignModel& model,
                                       const Organization& org, bool skip_invalid);

// What replay and status run on: a rules file's model, a roster read against it, and an event log
// resolved against both. An engine made over `model` and `org` refers to them: make it once the
// inputs are where they stay.
struct LogRunInputs {
  CampaignModel model;
  Organization org;
  ResolvedLog log;
};

// load_model, load_roster and load_events, in that order, stopping at the first that fails.
std::optional<LogRunInputs> load_log_run(const std::string& rules_path,
                                         const std::string& roster_path,
                                         const std::string& log_path, bool skip_invalid);

// Turns an engine event back into a log record (names for ids): what --export-log writes.
LogEvent to_log_event(const Event& e, const CampaignModel& model, const Organization& org);

// The engine over `model` and `org`; prints why there is none (the model or roster breaks an
// engine invariant, or no start date is known) and returns nothing.
std::optional<Engine> start_engine(const CampaignModel& model, const Organization& org,
                                   const EngineOptions& options);

// The journal `db`, checked to be bound to `rules` and `roster` when they are given (both or
// neither: --rules and --org). Problems are printed after `command` ("lockstep record").
std::optional<Journal> open_journal(const char* command, const std::string& db,
                                    const JournalOptions& options, const std::string& rules,
                                    const std::string& roster);

// A command-line date (YYYY-MM-DD); prints an error naming `option` and returns nothing when bad.
std::optional<DayNumber> parse_date_option(const std::string& text, const char* option);

}  // namespace lockstep::cli
