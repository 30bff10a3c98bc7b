// See command_line.h.
#include "cli/command_line.h"

#include <unistd.h>

namespace lockstep::cli {

std::optional<int> parse_command_line(CLI::App& app, std::span<char*> args) {
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return std::nullopt;
}

void add_report_flags(CLI::App& app, ReportFlags& flags) {
  app.add_option("--format", flags.format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  app.add_option("--html", flags.html, "also write the offline HTML report to this file");
}

report::OutputOptions output_options(const ReportFlags& flags) {
  report::OutputOptions out;
  out.format = *report::parse_format(flags.format);
  out.html_path = flags.html;
  out.color = terminal_wants_color(STDOUT_FILENO);
  return out;
}

}  // namespace lockstep::cli
