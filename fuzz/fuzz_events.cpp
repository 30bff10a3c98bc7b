// libFuzzer target for one event-log reader; LOCKSTEP_FUZZ_EVENTS_FORMAT names which (kCsv,
// kJsonLines or kXes), so one source gives the three targets fuzz_events_csv, _jsonl and _xes.
//
// Besides "no crash, no hang, no sanitizer report", it stops on any broken promise of
// lockstep/event_log.h:
//   - a refused log yields no events and at least one error;
//   - every diagnostic, and every accepted event's record, points inside the file;
//   - events come out sorted by (day, second);
//   - reading with skip_invalid gives the same events when the strict read accepts the log;
//   - whatever is accepted (strictly or skipping bad records) writes back in each of the three
//     formats and reads back unchanged.
// Build and run: see docs/fuzzing.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/spans_inside.h"
#include "lockstep/event_log.h"

#ifndef LOCKSTEP_FUZZ_EVENTS_FORMAT
#error "define LOCKSTEP_FUZZ_EVENTS_FORMAT as kCsv, kJsonLines or kXes"
#endif

namespace {

// Stops the fuzzer on a broken property, saying which (traps alone would be folded into one).
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "broken property: %s\n", what);
  __builtin_trap();
}

using lockstep::EventLogFormat;
using lockstep::EventLogResult;
using lockstep::LogEvent;

constexpr EventLogFormat kFormat = EventLogFormat::LOCKSTEP_FUZZ_EVENTS_FORMAT;

bool sorted_by_time(const std::vector<LogEvent>& events) {
  for (std::size_t i = 1; i < events.size(); ++i) {
    const LogEvent& a = events[i - 1];
    const LogEvent& b = events[i];
    if (a.day > b.day || (a.day == b.day && a.second > b.second)) return false;
  }
  return true;
}

// Every place the result points at exists in the text it read.
bool points_inside(const EventLogResult& r) {
  if (r.files.empty()) {
    const bool nothing = r.diagnostics.empty() && (!r.events || r.events->empty());
    if (!nothing) std::fprintf(stderr, "diagnostics or events without the file they point into\n");
    return nothing;
  }
  const std::string& text = r.files[0].text;
  if (!lockstep::fuzz::diagnostics_inside(r.diagnostics, text)) return false;
  if (r.events) {
    const std::vector<std::size_t> lines = lockstep::fuzz::line_lengths(text);
    for (const LogEvent& e : *r.events)
      if (!lockstep::fuzz::span_inside(e.where, lines)) return false;
  }
  return true;
}

void check_round_trip(const std::vector<LogEvent>& events) {
  for (EventLogFormat f :
       {EventLogFormat::kCsv, EventLogFormat::kJsonLines, EventLogFormat::kXes}) {
    std::ostringstream out;
    lockstep::write_event_log(events, f, out);
    const EventLogResult again = lockstep::read_event_log_text("again", out.str(), f);
    if (!again.events) fail("a written log does not read back");
    if (*again.events != events) fail("a written log reads back changed");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const EventLogResult strict = lockstep::read_event_log_text("fuzz.log", text, kFormat);
  for (const lockstep::Diagnostic& d : strict.diagnostics)
    (void)lockstep::render_text(d, strict.files);
  if (!points_inside(strict)) fail("strict read: a place outside the file");
  if (strict.events) {
    if (has_errors(strict.diagnostics)) fail("events returned with errors");
    if (!sorted_by_time(*strict.events)) fail("strict read: events out of time order");
  } else if (!has_errors(strict.diagnostics)) {
    fail("refused without an error");
  }

  lockstep::EventLogOptions lenient_options;
  lenient_options.skip_invalid = true;
  const EventLogResult lenient =
      lockstep::read_event_log_text("fuzz.log", text, kFormat, lenient_options);
  if (!points_inside(lenient)) fail("skip_invalid: a place outside the file");
  if (strict.events && (!lenient.events || *lenient.events != *strict.events))
    fail("skip_invalid changed a log the strict read accepts");
  if (strict.events && lenient.skipped != 0) fail("skip_invalid skipped records of a valid log");
  if (lenient.events) {
    if (!sorted_by_time(*lenient.events)) fail("skip_invalid: events out of time order");
    check_round_trip(*lenient.events);
  }
  return 0;
}
