// One event of a log as its fields were written, and the checks that turn it into a LogEvent.
// Shared by the CSV, JSON Lines and XES readers, so that the three formats accept the same
// values and report the same errors (codes V010-V017, docs/formats.md).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "io/error_list.h"
#include "io/roster_records.h"
#include "lockstep/event_log.h"

namespace lockstep::io {

// The fields of an event, by the names CSV headers and JSON keys use.
inline constexpr std::array<std::string_view, 11> kEventFields = {
    "time", "who", "kind", "step", "hours", "chars", "count", "form", "reason", "approver", "key"};

struct RawEvent {
  std::array<Field, kEventFields.size()> fields;  // in the order of kEventFields
  std::array<bool, kEventFields.size()> given{};  // whether the record has the field
  std::size_t begin = 0;                          // the record's first byte

  // The field named `name` (one of kEventFields), or nullptr.
  Field* find(std::string_view name, bool mark_given = true);
};

// Checks every field of `raw`; on success fills `out` and returns true, otherwise reports each
// problem to `errors` and returns false.
bool make_log_event(const RawEvent& raw, ErrorList& errors, LogEvent& out);

// "YYYY-MM-DD", optionally followed by 'T' or ' ' and "HH:MM[:SS[.fraction]]" and a zone ("Z",
// "+08:00"), which is ignored: the date and time are taken as written. False for anything else.
bool parse_event_time(std::string_view text, DayNumber& day, std::int32_t& second);

// The time as the writers write it: the date, and "THH:MM:SS" when `second` >= 0.
std::string format_event_time(DayNumber day, std::int32_t second);

std::string_view kind_id(LogEvent::Kind kind);

}  // namespace lockstep::io
