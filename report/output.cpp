#include "report/output.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace lockstep::report {
namespace {

// Writes `text` to `path` through `path.tmp`; on failure removes the temporary file and returns
// the reason.
std::optional<std::string> write_whole_file(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return std::string(std::strerror(errno));
    f.write(text.data(), static_cast<std::streamsize>(text.size()));
    f.close();
    if (!f) {
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return std::string("write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return ec.message();
  }
  return std::nullopt;
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  return std::nullopt;
}

int emit_report(const CampaignReport& report, const OutputOptions& options, std::FILE* out,
                std::FILE* err) {
  // The HTML first: if it cannot be written, the run is a failure and says so before anything.
  if (!options.html_path.empty()) {
    if (auto problem = write_whole_file(options.html_path, render_report_html(report))) {
      std::fprintf(err, "lockstep: cannot write %s: %s\n", options.html_path.c_str(),
                   problem->c_str());
      return 2;
    }
  }
  std::string text;
  switch (options.format) {
    case Format::kText: {
      TextReportOptions t;
      t.color = options.color;
      t.max_details = options.max_details;
      text = render_report_text(report, t);
      break;
    }
    case Format::kJson:
      text = render_report_json(report);
      break;
    case Format::kCsv:
      text = render_report_csv(report);
      break;
  }
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
  for (const ReportViolation& v : report.violations)
    if (v.severity == Severity::kRequired) return 1;
  return 0;
}

}  // namespace lockstep::report
