// read_roster_file / read_roster_text: the checks every roster gets before its format is known
// (size, byte order mark, UTF-8), then the CSV or JSON reader. See lockstep/roster.h.
#include <fmt/format.h>

#include "dsl/unicode.h"
#include "io/error_list.h"
#include "io/roster_formats.h"
#include "io/text_input.h"
#include "lockstep/roster.h"

namespace lockstep {
namespace {

Diagnostic file_error(std::string code, std::string message, std::string help) {
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

bool looks_like_json(std::string_view text, std::size_t start) {
  const std::size_t first = text.find_first_not_of(" \t\r\n", start);
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

}  // namespace

RosterResult read_roster_text(const std::string& name, std::string text, const CampaignModel& model,
                              const RosterOptions& options) {
  RosterResult result;
  if (text.size() > options.max_bytes) {
    result.files.push_back({name, {}});
    result.diagnostics.push_back(
        file_error("R002",
                   fmt::format("the roster is {} bytes, more than the limit of {}", text.size(),
                               options.max_bytes),
                   "split the roster, or raise the limit if the file is trusted"));
    return result;
  }
  result.files.push_back({name, std::move(text)});
  const std::string_view source = result.files[0].text;
  io::LineIndex lines(source, 0);
  io::ErrorList errors(lines, options.max_errors, "R099");
  const std::size_t start = io::bom_length(source);
  if (const auto bad = dsl::find_invalid_utf8(source, start)) {
    errors.error("R003", *bad, *bad + 1, "invalid UTF-8 byte sequence",
                 "save the roster as UTF-8 (GBK and other encodings are not read)");
    result.diagnostics = errors.take();
    return result;
  }
  io::RosterBuilder builder(model, errors);
  if (looks_like_json(source, start)) {
    io::read_roster_json(source, start, builder, errors);
  } else {
    io::read_roster_csv(source, start, builder, errors);
  }
  std::optional<Organization> org = builder.finish();
  result.diagnostics = errors.take();
  if (!has_errors(result.diagnostics)) result.org = std::move(org);
  return result;
}

RosterResult read_roster_file(const std::string& path, const CampaignModel& model,
                              const RosterOptions& options) {
  std::string text;
  switch (io::read_whole_file(path, options.max_bytes, text)) {
    case io::ReadStatus::kOk:
      return read_roster_text(path, std::move(text), model, options);
    case io::ReadStatus::kTooLarge: {
      RosterResult result;
      result.files.push_back({path, {}});
      result.diagnostics.push_back(file_error(
          "R002", fmt::format("the roster is larger than the limit of {} bytes", options.max_bytes),
          "split the roster, or raise the limit if the file is trusted"));
      return result;
    }
    case io::ReadStatus::kUnreadable:
      break;
  }
  RosterResult result;
  result.unreadable = true;
  result.files.push_back({path, {}});
  result.diagnostics.push_back(file_error("R001", fmt::format("cannot read the roster '{}'", path),
                                          "check that the file exists and is readable"));
  return result;
}

}  // namespace lockstep
