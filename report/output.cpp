#include "report/output.h"

#include <fmt/format.h>

#include "util/replace_file.h"

namespace lockstep::report {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::kText;
  if (name == "json") return Format::kJson;
  if (name == "csv") return Format::kCsv;
  return std::nullopt;
}

int emit_report(const CampaignReport& report, const OutputOptions& options, const TextSink& out,
                const TextSink& err) {
  // The HTML first: if it cannot be written, the run is a failure and says so before anything.
  if (!options.html_path.empty()) {
    if (auto problem = util::replace_file(options.html_path, render_report_html(report))) {
      err(fmt::format("lockstep: cannot write {}: {}\n", options.html_path, *problem));
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
  out(text);
  for (const ReportViolation& v : report.violations)
    if (v.severity == Severity::kRequired) return 1;
  return 0;
}

int emit_report(const CampaignReport& report, const OutputOptions& options, std::FILE* out,
                std::FILE* err) {
  const auto to = [](std::FILE* f) {
    return [f](std::string_view text) {
      std::fwrite(text.data(), 1, text.size(), f);
      std::fflush(f);
    };
  };
  return emit_report(report, options, to(out), to(err));
}

}  // namespace lockstep::report
