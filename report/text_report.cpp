// render_report_text: the report as organizers read it in a terminal. The summary comes first —
// the campaign line, one row per phase, violations by kind, supervision groups, the worst units —
// and, after a Monte Carlo run, the forecast per deadline; then the details: the violations by day
// and the forecasts per unit and deadline, least likely to be on time first (at most
// options.max_details of each).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "lockstep/report.h"
#include "report/dates.h"
#include "report/summary.h"
#include "report/table.h"
#include "report/text_cells.h"
#include "report/width.h"

namespace lockstep {
namespace {

using report::Align;
using report::Cell;
using report::Column;
using report::Style;
using report::Table;

using report::count;
using report::grouped;
using report::kMessageWidth;
using report::kNameWidth;
using report::percent;
using report::rate_style;
using report::section;

std::string phases_table(const CampaignReport& r, const report::ReportSummary& s, bool color) {
  std::vector<report::PhaseRow> rows;
  for (const report::PhaseSummary& p : s.phases)
    rows.push_back({report::name_of(r.phases, p.phase), p.progress, p.by_kind});
  return report::phases_table(rows, color);
}

std::string groups_table(const CampaignReport& r, const report::ReportSummary& s, bool color) {
  Table t({{"Supervision group", Align::kLeft, kNameWidth},
           {"Units", Align::kRight},
           {"Overdue", Align::kRight},
           {"On-time rate", Align::kRight},
           {"Violations", Align::kRight},
           {"Required", Align::kRight}});
  for (const report::GroupSummary& g : s.groups) {
    const std::optional<double> rate = g.progress.on_time_rate();
    t.add_row({g.group == kNoIndex ? std::string("(none)") : report::name_of(r.groups, g.group),
               count(g.units), count(g.progress.overdue, Style::kRed),
               Cell(percent(rate), rate_style(rate)), count(g.violations),
               count(g.required_violations, Style::kRed)});
  }
  return t.render(color);
}

std::string worst_table(const CampaignReport& r, const report::ReportSummary& s, bool color) {
  Table t({{"Unit", Align::kLeft, kNameWidth},
           {"Org type", Align::kLeft, 12},
           {"Group", Align::kLeft, 16},
           {"Violations", Align::kRight},
           {"Required", Align::kRight},
           {"Overdue", Align::kRight},
           {"Done", Align::kRight}});
  for (std::uint32_t u : s.worst_units) {
    const report::UnitSummary& us = s.units[u];
    const ReportUnit& unit = r.units[u];
    const std::uint64_t required = us.progress.required;
    t.add_row(
        {report::name_of(r.units, u), report::name_of(r.org_types, unit.org_type),
         unit.group == kNoIndex ? std::string("-") : report::name_of(r.groups, unit.group),
         count(us.violations), count(us.required_violations, Style::kRed),
         count(us.progress.overdue, Style::kRed),
         required == 0 ? std::string("-") : fmt::format("{}/{}", us.progress.done(), required)});
  }
  return t.render(color);
}

std::string details_table(const CampaignReport& r, std::size_t limit, bool color) {
  Table t({{"Day", Align::kLeft},
           {"Unit", Align::kLeft, kNameWidth},
           {"Member", Align::kLeft, 16},
           {"Step", Align::kLeft, kNameWidth},
           {"Kind", Align::kLeft, 16},
           {"Severity", Align::kLeft},
           {"Rule", Align::kLeft, 40},
           {"Message", Align::kLeft, kMessageWidth}});
  for (std::size_t i : report::violation_order(r)) {
    if (limit != 0 && t.row_count() == limit) break;
    const ReportViolation& v = r.violations[i];
    std::string member = v.member_name.empty() ? v.member_id : v.member_name;
    std::string step =
        v.step == kNoIndex ? report::name_of(r.phases, v.phase) : report::name_of(r.steps, v.step);
    const bool required = v.severity == Severity::kRequired;
    t.add_row({report::format_day(v.day), report::name_of(r.units, v.unit),
               member.empty() ? std::string("-") : member, step, v.kind,
               Cell(report::severity_name(v.severity), required ? Style::kRed : Style::kYellow),
               Cell(v.rule, Style::kDim), v.message});
  }
  return t.render(color);
}

// Monte Carlo forecasts per deadline (step), over all units: the lowest and mean probability of
// being on time and the latest median and 90th-percentile completion dates. Least likely first.
std::string forecast_by_step_table(const CampaignReport& r, bool color) {
  struct Row {
    std::uint32_t step = 0, units = 0, worst_unit = 0;
    double sum = 0, lowest = 2;
    DayNumber p50 = 0, p90 = 0;
  };
  std::vector<Row> rows;
  std::vector<std::size_t> row_of(r.steps.size(), SIZE_MAX);
  for (const ReportForecast& f : r.forecasts) {
    if (f.step >= row_of.size()) continue;
    if (row_of[f.step] == SIZE_MAX) row_of[f.step] = rows.size(), rows.push_back({f.step});
    Row& row = rows[row_of[f.step]];
    if (row.units == 0 || f.p50 > row.p50) row.p50 = f.p50;
    if (row.units == 0 || f.p90 > row.p90) row.p90 = f.p90;
    ++row.units;
    row.sum += f.on_time_probability;
    if (f.on_time_probability < row.lowest)
      row.lowest = f.on_time_probability, row.worst_unit = f.unit;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return a.lowest != b.lowest ? a.lowest < b.lowest : a.sum / a.units < b.sum / b.units;
  });
  Table t({{"Step", Align::kLeft, kNameWidth},
           {"Units", Align::kRight},
           {"Lowest P(on time)", Align::kRight},
           {"Mean", Align::kRight},
           {"Least likely unit", Align::kLeft, kNameWidth},
           {"Latest p50", Align::kLeft},
           {"Latest p90", Align::kLeft}});
  for (const Row& row : rows) {
    const std::optional<double> low = report::round_rate(row.lowest);
    const std::optional<double> mean = report::round_rate(row.sum / row.units);
    t.add_row({report::name_of(r.steps, row.step), count(row.units),
               Cell(percent(low), rate_style(low)), Cell(percent(mean), rate_style(mean)),
               report::name_of(r.units, row.worst_unit), report::format_day(row.p50),
               report::format_day(row.p90)});
  }
  return t.render(color);
}

// Every (unit, deadline) forecast, least likely to be on time first (ties in unit, step order),
// at most `limit` rows (0: all).
std::string forecast_table(const CampaignReport& r, std::size_t limit, bool color) {
  std::vector<std::size_t> order(r.forecasts.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return r.forecasts[a].on_time_probability < r.forecasts[b].on_time_probability;
  });
  Table t({{"Unit", Align::kLeft, kNameWidth},
           {"Step", Align::kLeft, kNameWidth},
           {"P(on time)", Align::kRight},
           {"p10", Align::kLeft},
           {"p50", Align::kLeft},
           {"p90", Align::kLeft}});
  for (std::size_t i : order) {
    if (limit != 0 && t.row_count() == limit) break;
    const ReportForecast& f = r.forecasts[i];
    const std::optional<double> p = report::round_rate(f.on_time_probability);
    t.add_row({report::name_of(r.units, f.unit), report::name_of(r.steps, f.step),
               Cell(percent(p), rate_style(p)), report::format_day(f.p10),
               report::format_day(f.p50), report::format_day(f.p90)});
  }
  return t.render(color);
}

}  // namespace

std::string render_report_text(const CampaignReport& r, const TextReportOptions& options) {
  const bool color = options.color;
  const report::ReportSummary s = report::summarize(r, options.worst_units);
  std::string out;
  // Names come from rules and rosters: keep them to one printable line, like table cells.
  out += color ? report::ansi_start(Style::kBold) : "";
  out += report::sanitize_for_terminal(r.campaign_name.empty() ? r.campaign_id : r.campaign_name);
  out += color ? report::kAnsiReset : "";
  out += fmt::format("  ({})\n", report::sanitize_for_terminal(r.campaign_id));
  out += "as of " + report::format_day(r.as_of);
  if (r.start) out += ", started " + report::format_day(*r.start);
  if (!r.source.empty()) out += ", from " + report::sanitize_for_terminal(r.source);
  if (r.runs > 1) out += fmt::format(", {} runs", r.runs);
  out += '\n';
  out += fmt::format("{} units, {} violations ({} required), on-time rate {}\n",
                     grouped(r.units.size()), grouped(s.violations), grouped(s.required_violations),
                     percent(s.progress.on_time_rate()));

  section(out, "Phases", color);
  out += phases_table(r, s, color);
  if (!s.by_kind.empty()) {
    section(out, "Violations by kind", color);
    out += report::kinds_table(s.by_kind, color);
  }
  if (!r.groups.empty()) {
    section(out, "Supervision groups", color);
    out += groups_table(r, s, color);
  }
  if (!s.worst_units.empty()) {
    section(out, "Worst units", color);
    out += worst_table(r, s, color);
  }
  if (!r.forecasts.empty()) {
    section(out, "Forecast by deadline", color);
    out += forecast_by_step_table(r, color);
  }
  if (!r.violations.empty()) {
    section(out, "Violations", color);
    out += details_table(r, options.max_details, color);
    if (options.max_details != 0 && r.violations.size() > options.max_details)
      out += fmt::format("... and {} more (--format json or csv lists them all)\n",
                         grouped(r.violations.size() - options.max_details));
  }
  if (!r.forecasts.empty()) {
    section(out, "Forecast", color);
    out += forecast_table(r, options.max_details, color);
    if (options.max_details != 0 && r.forecasts.size() > options.max_details)
      out += fmt::format("... and {} more (--format json lists them all)\n",
                         grouped(r.forecasts.size() - options.max_details));
  }
  return out;
}

}  // namespace lockstep
