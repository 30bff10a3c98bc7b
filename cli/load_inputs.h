// Loading what replay, status and simulate run on: a rules file compiled to a campaign model, a
// roster read against it, and an event log resolved to engine events. Every problem is printed to
// stderr as a rendered diagnostic (file:line:column, what was expected) and the loader returns
// nothing; the callers then exit with 2.
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

// Turns an engine event back into a log record (names for ids): what --export-log writes.
LogEvent to_log_event(const Event& e, const CampaignModel& model, const Organization& org);

// The engine over `model` and `org`; prints why there is none (the model or roster breaks an
// engine invariant, or no start date is known) and returns nothing.
std::optional<Engine> start_engine(const CampaignModel& model, const Organization& org,
                                   const EngineOptions& options);

// A command-line date (YYYY-MM-DD); prints an error naming `option` and returns nothing when bad.
std::optional<DayNumber> parse_date_option(const std::string& text, const char* option);

}  // namespace lockstep::cli
