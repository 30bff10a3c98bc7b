// See command_line.h.
#include "cli/command_line.h"

#include <fmt/format.h>
#include <unistd.h>

#include <charconv>

#include "cli/output.h"

namespace lockstep::cli {

std::optional<int> parse_command_line(CLI::App& app, std::span<char*> args) {
  try {
    app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return std::nullopt;
}

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  const std::string range = fmt::format("a whole number from {} to {}", min, max);
  return CLI::Validator(
      [min, max, range](std::string& text) -> std::string {
        std::uint64_t value = 0;
        const bool digits = !text.empty() && text.size() <= 20 &&
                            text.find_first_not_of("0123456789") == std::string::npos;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (!digits || ec != std::errc() || end != text.data() + text.size() || value < min ||
            value > max)
          return fmt::format("expected {}, got '{}'", range, text.substr(0, 40));
        return {};
      },
      range);
}

void add_report_flags(CLI::App& app, ReportFlags& flags) {
  app.add_option("--format", flags.format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  app.add_option("--html", flags.html, "also write the offline HTML report to this file");
}

int emit_report(const CampaignReport& report, const report::OutputOptions& options) {
  return report::emit_report(
      report, options, [](std::string_view text) { out(text); },
      [](std::string_view text) { err(text); });
}

report::OutputOptions output_options(const ReportFlags& flags) {
  report::OutputOptions out;
  out.format = *report::parse_format(flags.format);
  out.html_path = flags.html;
  out.color = terminal_wants_color(STDOUT_FILENO);
  return out;
}

}  // namespace lockstep::cli
