// One way for every command to put out a report: `--format text|json|csv` on stdout and, with
// `--html FILE`, the offline page. simulate, replay and status call emit_report and return its
// exit code, so they agree on formats, colours and exit codes.
#pragma once

#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "lockstep/report.h"

namespace lockstep::report {

enum class Format { kText, kJson, kCsv };

// "text", "json" or "csv"; nullopt for anything else.
std::optional<Format> parse_format(std::string_view name);

struct OutputOptions {
  Format format = Format::kText;
  std::string html_path;         // empty: no HTML
  std::size_t max_details = 50;  // text only
  bool color = false;            // text only: pass terminal_wants_color(STDOUT_FILENO)
};

// Where emit_report writes the report's text (stdout) and its messages (stderr). The command
// line passes its checked output (cli/output.h), which notices a write that fails.
using TextSink = std::function<void(std::string_view)>;

// Writes the report to `out` and the HTML file, if asked. The HTML goes to a temporary file
// beside the target, renamed over it once complete (util/replace_file.h), so a failed write
// leaves no half page and leaves an older report as it was. Returns the exit code: 2 when the
// HTML could not be written (the reason on `err`), else 1 when the report has a required
// violation, else 0. Advisory violations alone ("for reference") exit 0.
int emit_report(const CampaignReport& report, const OutputOptions& options, const TextSink& out,
                const TextSink& err);
// The same onto two stdio streams.
int emit_report(const CampaignReport& report, const OutputOptions& options, std::FILE* out,
                std::FILE* err);

// Where every unit stands, for `status` in text: one row per unit with required work, in roster
// order (required, done, late, overdue, open, on-time rate, violations), at most `max_rows` of
// them, then a line counting the rest.
std::string render_units_text(const CampaignReport& report, std::size_t max_rows = 500);

}  // namespace lockstep::report
