// The three event log formats (docs/formats.md, "Event logs"): each reader turns its syntax into
// raw events and hands them to an EventSink, which checks them and keeps the good ones.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "io/error_list.h"
#include "io/event_fields.h"
#include "lockstep/event_log.h"

namespace lockstep::io {

struct EventSink {
  EventSink(ErrorList& e, bool skip) : errors(e), skip_invalid(skip) {}

  ErrorList& errors;
  bool skip_invalid;
  std::vector<std::pair<std::uint64_t, LogEvent>> events;  // (order written, event)
  std::size_t skipped = 0;
  bool fatal = false;  // an error no record can be skipped past: nothing is returned

  // Checks `raw` and keeps it, or counts it as skipped.
  void add(const RawEvent& raw, std::uint64_t order) {
    LogEvent e;
    if (make_log_event(raw, errors, e))
      events.emplace_back(order, std::move(e));
    else
      ++skipped;
  }
  // A record that could not even be read as fields.
  void bad_record() { ++skipped; }
  // Whether reading should stop: errors are capped, and without skip_invalid nothing more is
  // needed once the list is full.
  bool stop() const { return fatal || (!skip_invalid && errors.full()); }
};

void read_events_csv(std::string_view text, std::size_t start, EventSink& sink);
void read_events_jsonl(std::string_view text, std::size_t start, EventSink& sink);
void read_events_xes(std::string_view text, std::size_t start, EventSink& sink);

}  // namespace lockstep::io
