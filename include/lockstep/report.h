// The renderers of a campaign report (lockstep/campaign_report.h): a terminal summary, JSON, CSV
// and one offline HTML page, and the check of the report's invariants. Implemented in report/,
// which carries the embedded ECharts: programs that only run campaigns need not link it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "lockstep/campaign_report.h"

namespace lockstep {

// What breaks the invariants of lockstep/campaign_report.h, one sentence each; empty when the
// report is sound.
std::vector<std::string> validate_report(const CampaignReport& report);

struct TextReportOptions {
  bool color = false;            // ANSI colours; see terminal_wants_color()
  std::size_t max_details = 50;  // violations listed in the details; 0 lists all
  std::size_t worst_units = 5;
};

// For people at a terminal: a summary first (per phase: on-time rate and violations by kind,
// then the worst units), the details after. Aligned by display width, so Chinese names line up.
std::string render_report_text(const CampaignReport& report, const TextReportOptions& options = {});

// For machines; the schemas are documented in docs/reports.md (schema_version 1).
std::string render_report_json(const CampaignReport& report);
std::string render_report_csv(const CampaignReport& report);

// One self-contained HTML file with the charts inlined: it opens offline.
std::string render_report_html(const CampaignReport& report);

// True when output on file descriptor `fd` should be coloured: it is a terminal and the NO_COLOR
// environment variable is not set (whatever its value).
bool terminal_wants_color(int fd);

}  // namespace lockstep
