// read_event_log_file / read_event_log_text: the checks every log gets (size, byte order mark,
// UTF-8), the format's reader, then the stable sort by time and the all-or-nothing rule.
// See lockstep/event_log.h.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "dsl/unicode.h"
#include "io/event_log_formats.h"
#include "io/text_input.h"

namespace lockstep {
namespace {

Diagnostic file_error(std::string code, std::string message, std::string help) {
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = s[s.size() - suffix.size() + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
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
  if (text.size() > options.max_bytes) {
    result.files.push_back({name, {}});
    result.diagnostics.push_back(
        file_error("V002",
                   fmt::format("the log is {} bytes, more than the limit of {}", text.size(),
                               options.max_bytes),
                   "split the log, or raise the limit if the file is trusted"));
    return result;
  }
  result.files.push_back({name, std::move(text)});
  const std::string_view source = result.files[0].text;
  io::LineIndex lines(source, 0);
  io::ErrorList errors(lines, options.max_errors, "V099");
  const std::size_t start = io::bom_length(source);
  if (const auto bad = dsl::find_invalid_utf8(source, start)) {
    errors.error("V003", *bad, *bad + 1, "invalid UTF-8 byte sequence",
                 "save the log as UTF-8 (GBK and other encodings are not read)");
    result.diagnostics = errors.take();
    return result;
  }
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
  if (sink.fatal || (any_error && !options.skip_invalid)) return result;
  if (options.skip_invalid) {
    // Bad records were left out: what was wrong with them is a warning now.
    for (Diagnostic& d : result.diagnostics)
      if (d.level == Diagnostic::Level::kError) d.level = Diagnostic::Level::kWarning;
    result.skipped = sink.skipped;
  }
  std::stable_sort(sink.events.begin(), sink.events.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second.day, a.second.second, a.first) <
           std::tie(b.second.day, b.second.second, b.first);
  });
  std::vector<LogEvent> events;
  events.reserve(sink.events.size());
  for (auto& [order, e] : sink.events) events.push_back(std::move(e));
  result.events = std::move(events);
  return result;
}

EventLogResult read_event_log_file(const std::string& path, const EventLogOptions& options) {
  EventLogResult result;
  const std::optional<EventLogFormat> format = event_log_format_for(path);
  if (!format) {
    result.files.push_back({path, {}});
    result.diagnostics.push_back(
        file_error("V001", fmt::format("cannot tell the format of the log '{}'", path),
                   "name the file .csv, .jsonl (or .ndjson) or .xes"));
    return result;
  }
  std::string text;
  switch (io::read_whole_file(path, options.max_bytes, text)) {
    case io::ReadStatus::kOk:
      return read_event_log_text(path, std::move(text), *format, options);
    case io::ReadStatus::kTooLarge:
      result.files.push_back({path, {}});
      result.diagnostics.push_back(file_error(
          "V002", fmt::format("the log is larger than the limit of {} bytes", options.max_bytes),
          "split the log, or raise the limit if the file is trusted"));
      return result;
    case io::ReadStatus::kUnreadable:
      break;
  }
  result.unreadable = true;
  result.files.push_back({path, {}});
  result.diagnostics.push_back(file_error("V001", fmt::format("cannot read the log '{}'", path),
                                          "check that the file exists and is readable"));
  return result;
}

}  // namespace lockstep
