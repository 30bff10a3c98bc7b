// read_event_log_file / read_event_log_text: the checks every log gets (io/input_checks.h: size,
// byte order mark, UTF-8), the format's reader, then the stable sort by time and the
// all-or-nothing rule.
// See lockstep/event_log.h.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "io/event_log_formats.h"
#include "io/input_checks.h"

namespace lockstep {
namespace {

constexpr io::InputKind kLog{"log", 'V'};

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

// The format's reader over a checked text, then the all-or-nothing rule and the stable sort.
void read_events(std::string_view source, std::size_t start, io::ErrorList& errors,
                 EventLogFormat format, const EventLogOptions& options, EventLogResult& result) {
  io::EventSink sink(errors, options.skip_invalid);
  switch (format) {
    case EventLogFormat::kCsv:
      io::read_events_csv(source, start, sink);
      break;
    case EventLogFormat::kJsonLines:
      io::read_events_jsonl(source, start, sink);
      break;
    case EventLogFormat::kXes:
      io::read_events_xes(source, start, sink);
      break;
  }
  result.diagnostics = errors.take();
  const bool any_error = has_errors(result.diagnostics);
  if (sink.fatal || (any_error && !options.skip_invalid)) return;
  if (options.skip_invalid) {
    // Bad records were left out: what was wrong with them is a warning now.
    for (Diagnostic& d : result.diagnostics)
      if (d.level == Diagnostic::Level::kError) d.level = Diagnostic::Level::kWarning;
    result.skipped = sink.skipped;
  }
  // An event without a time of day (second -1) counts as the start of its day, as one at
  // T00:00:00 does: the two keep the order they were written in.
  const auto start_of_day = [](std::int32_t second) { return std::max(second, 0); };
  std::stable_sort(sink.events.begin(), sink.events.end(), [&](const auto& a, const auto& b) {
    return std::tuple(a.second.day, start_of_day(a.second.second), a.first) <
           std::tuple(b.second.day, start_of_day(b.second.second), b.first);
  });
  std::vector<LogEvent> events;
  events.reserve(sink.events.size());
  for (auto& [order, e] : sink.events) events.push_back(std::move(e));
  result.events = std::move(events);
}

}  // namespace

std::optional<EventLogFormat> event_log_format_for(std::string_view path) {
  if (ends_with(path, ".csv")) return EventLogFormat::kCsv;
  if (ends_with(path, ".jsonl") || ends_with(path, ".ndjson")) return EventLogFormat::kJsonLines;
  if (ends_with(path, ".xes")) return EventLogFormat::kXes;
  return std::nullopt;
}

EventLogResult read_event_log_text(const std::string& name, std::string text, EventLogFormat format,
                                   const EventLogOptions& options) {
  EventLogResult result;
  io::check_then_read(kLog, name, std::move(text), options.max_bytes, options.max_errors,
                      result.files, result.diagnostics,
                      [&](std::string_view source, std::size_t start, io::ErrorList& errors) {
                        read_events(source, start, errors, format, options, result);
                      });
  return result;
}

EventLogResult read_event_log_file(const std::string& path, const EventLogOptions& options) {
  EventLogResult result;
  const std::optional<EventLogFormat> format = event_log_format_for(path);
  if (!format) {
    result.files.push_back({path, {}});
    result.diagnostics.push_back(
        io::file_diagnostic("V001", fmt::format("cannot tell the format of the log '{}'", path),
                            "name the file .csv, .jsonl (or .ndjson) or .xes"));
    return result;
  }
  std::optional<std::string> text = io::read_input_file(kLog, path, options.max_bytes, result.files,
                                                        result.diagnostics, result.unreadable);
  if (!text) return result;
  return read_event_log_text(path, std::move(*text), *format, options);
}

}  // namespace lockstep
