// The command line's side of loading: each input is loaded by the library (lockstep/rules.h,
// lockstep/roster.h, lockstep/event_log.h, lockstep/name_index.h, lockstep/run.h) and every problem
// it reports is printed to stderr here (a rules, roster or log problem as a rendered diagnostic:
// file:line:column, what was expected); the loader then returns nothing and the callers exit 2.
//
// Invariant: a LogRunInputs' log events view its own records (excuse reasons), so it is kept
// whole while they are used; events keep the log's stably sorted order.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "lockstep/journal.h"
#include "lockstep/model.h"
#include "lockstep/name_index.h"
#include "lockstep/organization.h"
#include "lockstep/run.h"

namespace lockstep::cli {

std::shared_ptr<const CampaignModel> load_model(const std::string& path);
std::shared_ptr<const Organization> load_roster(const std::string& path,
                                                const CampaignModel& model);

// Reads an event log (format by extension) and resolves it against the model and roster
// (lockstep::resolve_log: unknown names, repeated idempotency keys).
std::optional<ResolvedLog> load_events(const std::string& path, const CampaignModel& model,
                                       const Organization& org, bool skip_invalid);

// What replay and status run on: a rules file's model, a roster read against it, and an event log
// resolved against both.
struct LogRunInputs {
  std::shared_ptr<const CampaignModel> model;
  std::shared_ptr<const Organization> org;
  ResolvedLog log;
};

// load_model, load_roster and load_events, in that order, stopping at the first that fails.
std::optional<LogRunInputs> load_log_run(const std::string& rules_path,
                                         const std::string& roster_path,
                                         const std::string& log_path, bool skip_invalid);

// A run over `model` and `org`; prints why there is none (the model or roster breaks an engine
// invariant, or no start date is known) and returns nothing.
std::optional<Run> start_run(std::shared_ptr<const CampaignModel> model,
                             std::shared_ptr<const Organization> org, const RunOptions& options);

// The journal `db`, checked to be bound to `rules` and `roster` when they are given (both or
// neither: --rules and --org). Problems are printed after `command` ("lockstep record").
std::optional<Journal> open_journal(const char* command, const std::string& db,
                                    const JournalOptions& options, const std::string& rules,
                                    const std::string& roster);

// A command-line date (YYYY-MM-DD, from 1900-01-01 to 2199-12-31); prints an error naming
// `option` and returns nothing when bad.
std::optional<DayNumber> parse_date_option(const std::string& text, const char* option);

}  // namespace lockstep::cli
