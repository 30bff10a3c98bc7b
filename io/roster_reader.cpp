// read_roster_file / read_roster_text: the checks every roster gets before its format is known
// (io/input_checks.h: size, byte order mark, UTF-8), then the CSV or JSON reader. See
// lockstep/roster.h.
#include "io/input_checks.h"
#include "io/roster_formats.h"
#include "lockstep/roster.h"

namespace lockstep {
namespace {

constexpr io::InputKind kRoster{"roster", 'R'};

bool looks_like_json(std::string_view text, std::size_t start) {
  const std::size_t first = text.find_first_not_of(" \t\r\n", start);
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

// The CSV or JSON reader over a checked text; an organization only when nothing was wrong.
void read_records(std::string_view source, std::size_t start, io::ErrorList& errors,
                  const CampaignModel& model, RosterResult& result) {
  io::RosterBuilder builder(model, errors);
  if (looks_like_json(source, start)) {
    io::read_roster_json(source, start, builder, errors);
  } else {
    io::read_roster_csv(source, start, builder, errors);
  }
  std::optional<Organization> org = builder.finish();
  result.diagnostics = errors.take();
  if (!has_errors(result.diagnostics)) result.org = std::move(org);
}

}  // namespace

RosterResult read_roster_text(const std::string& name, std::string text, const CampaignModel& model,
                              const RosterOptions& options) {
  RosterResult result;
  io::check_then_read(kRoster, name, std::move(text), options.max_bytes, options.max_errors,
                      result.files, result.diagnostics,
                      [&](std::string_view source, std::size_t start, io::ErrorList& errors) {
                        read_records(source, start, errors, model, result);
                      });
  return result;
}

RosterResult read_roster_file(const std::string& path, const CampaignModel& model,
                              const RosterOptions& options) {
  RosterResult result;
  std::optional<std::string> text = io::read_input_file(
      kRoster, path, options.max_bytes, result.files, result.diagnostics, result.unreadable);
  if (!text) return result;
  return read_roster_text(path, std::move(*text), model, options);
}

}  // namespace lockstep
