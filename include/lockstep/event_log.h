// Event logs: what happened in a campaign, as files that replay reads and simulation writes —
// CSV, JSON Lines, or XES (IEEE 1849, the process-mining standard).
//
// A LogEvent is a plain record with every name still a string: the log is read before (and
// without) the campaign model and roster, and resolving names to ids is the replaying program's
// step. The formats, their columns and keys, and the error codes (V001 ...) are in
// docs/formats.md.
//
// Guarantees of the readers:
//   - events come out stably sorted by time (day, then time of day when the log gives one, then
//     the order written), whatever the order of the file;
//   - on any error no events are returned and `diagnostics` lists every problem (at most
//     EventLogOptions::max_errors, then a note), each at file:line:column with what was expected;
//   - with `skip_invalid`, a bad record is reported as a warning, counted in `skipped` and left
//     out, and the others are returned — except for errors that make the whole file unreadable
//     (size, encoding, broken XML), which still return nothing;
//   - the same text gives the same result; nothing is thrown for bad input.
// Writers write what the readers read: writing events and reading them back gives them unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "lockstep/diagnostic.h"
#include "lockstep/model.h"

namespace lockstep {

struct LogEvent {
  enum class Kind : std::uint8_t {
    kComplete,  // `who` completed `step`, with its evidence
    kExcuse,    // `who` is excused from `step`, for `reason`
    kApprove,   // the gate of phase `step` was approved for unit `who` by `approver`
    kRevise,    // a revision of `who`'s completed `step` was required: it reopens
  };
  DayNumber day = 0;
  std::int32_t second = -1;  // seconds into the day when the log gives a time, else -1
  Kind kind = Kind::kComplete;
  std::string who;   // a member's or unit's id
  std::string step;  // a step's id; for kApprove, the id of the phase whose gate is approved
  // Evidence of a completion; absent when not reported.
  std::optional<std::int32_t> hours;
  std::optional<std::int32_t> chars;
  std::optional<std::int32_t> count;
  std::string form;             // a form's id, or empty
  std::string reason;           // kExcuse: why (外出, 离岗退养 ...)
  std::string approver;         // kApprove: a supervision group's id, or the approving unit's id
  std::string idempotency_key;  // optional: the same key twice means the same event
  SourceSpan where;             // the record in the log (its first byte)

  // Records as an application writes them (lockstep/campaign.h applies them by name); evidence
  // and keys are set on the result.
  static LogEvent complete(std::string step, std::string who, DayNumber day) {
    return make(Kind::kComplete, std::move(step), std::move(who), day);
  }
  static LogEvent excuse(std::string step, std::string who, DayNumber day, std::string reason) {
    LogEvent r = make(Kind::kExcuse, std::move(step), std::move(who), day);
    r.reason = std::move(reason);
    return r;
  }
  static LogEvent revise(std::string step, std::string who, DayNumber day) {
    return make(Kind::kRevise, std::move(step), std::move(who), day);
  }
  static LogEvent approve(std::string phase, std::string organization, std::string approver,
                          DayNumber day) {
    LogEvent r = make(Kind::kApprove, std::move(phase), std::move(organization), day);
    r.approver = std::move(approver);
    return r;
  }

  // The same event, wherever it was written: every field but `where`.
  bool operator==(const LogEvent& o) const {
    return day == o.day && second == o.second && kind == o.kind && who == o.who && step == o.step &&
           hours == o.hours && chars == o.chars && count == o.count && form == o.form &&
           reason == o.reason && approver == o.approver && idempotency_key == o.idempotency_key;
  }

 private:
  static LogEvent make(Kind kind, std::string step, std::string who, DayNumber day) {
    LogEvent r;
    r.kind = kind;
    r.step = std::move(step);
    r.who = std::move(who);
    r.day = day;
    return r;
  }
};

enum class EventLogFormat { kCsv, kJsonLines, kXes };

// The format a file name asks for: .csv, .jsonl / .ndjson, .xes; nothing for anything else.
std::optional<EventLogFormat> event_log_format_for(std::string_view path);

struct EventLogOptions {
  bool skip_invalid = false;
  std::size_t max_bytes = std::size_t{1} << 30;  // larger files are refused (V002)
  std::size_t max_errors = 100;                  // diagnostics reported before giving up
};

struct EventLogResult {
  std::optional<std::vector<LogEvent>> events;
  Diagnostics diagnostics;
  SourceFiles files;        // the log, index 0: what diagnostics' and events' spans refer to
  std::size_t skipped = 0;  // bad records left out (skip_invalid only)
  bool unreadable = false;  // the file could not be read at all (an I/O problem)
};

// Reads a log in the format its name asks for (V001 when the name has no known extension).
EventLogResult read_event_log_file(const std::string& path, const EventLogOptions& options = {});

// The same for text already in memory; `name` is the path shown in diagnostics.
EventLogResult read_event_log_text(const std::string& name, std::string text, EventLogFormat format,
                                   const EventLogOptions& options = {});

// Writes `events` in `format`. Times are written as the events hold them; XES groups the events
// into one trace per `who`, recording each event's position in the log so that reading restores
// the order.
void write_event_log(const std::vector<LogEvent>& events, EventLogFormat format, std::ostream& out);

}  // namespace lockstep
