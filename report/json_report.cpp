// render_report_json: the whole report for machines, schema_version 1 (docs/reports.md). Keys come
// in a fixed order (ordered_json keeps insertion order), optional values are null rather than
// absent, dates are "YYYY-MM-DD", rates have at most 4 decimals: the same report always gives the
// same bytes. Text that is not valid UTF-8 is written with U+FFFD in place of the bad bytes.
#include <nlohmann/json.hpp>

#include "lockstep/report.h"
#include "report/dates.h"
#include "report/summary.h"

namespace lockstep {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kSchemaVersion = 1;
// The JSON lists every worst unit the terminal would show, and more.
constexpr std::size_t kWorstUnits = 20;

Json day_or_null(const std::optional<DayNumber>& day) {
  return day ? Json(report::format_day(*day)) : Json(nullptr);
}

Json rate_or_null(const std::optional<double>& rate) {
  return rate ? Json(*rate) : Json(nullptr);
}

template <typename T>
Json id_or_null(const std::vector<T>& items, std::uint32_t i) {
  return i == kNoIndex ? Json(nullptr) : Json(report::id_of(items, i));
}

Json names(const std::vector<ReportName>& items) {
  Json out = Json::array();
  for (const ReportName& n : items) out.push_back({{"id", n.id}, {"name", n.display_name}});
  return out;
}

Json progress(const report::Progress& p) {
  return {{"required", p.required},
          {"on_time", p.on_time},
          {"late", p.late},
          {"excused", p.excused},
          {"overdue", p.overdue},
          {"open", p.open()},
          {"on_time_rate", rate_or_null(p.on_time_rate())}};
}

Json kinds(const std::vector<report::KindCount>& counts) {
  Json out = Json::array();
  for (const report::KindCount& k : counts)
    out.push_back({{"kind", k.kind}, {"required", k.required}, {"advisory", k.advisory}});
  return out;
}

Json summary(const CampaignReport& r) {
  const report::ReportSummary s = report::summarize(r, kWorstUnits);
  Json phases = Json::array();
  for (const report::PhaseSummary& p : s.phases) {
    Json j = {{"phase", report::id_of(r.phases, p.phase)}};
    j.update(progress(p.progress));
    j["violations"] = p.violations;
    j["violations_by_kind"] = kinds(p.by_kind);
    phases.push_back(std::move(j));
  }
  Json groups = Json::array();
  for (const report::GroupSummary& g : s.groups) {
    Json j = {{"supervision_group", id_or_null(r.groups, g.group)}, {"units", g.units}};
    j.update(progress(g.progress));
    j["violations"] = g.violations;
    j["required_violations"] = g.required_violations;
    j["violations_by_kind"] = kinds(g.by_kind);
    groups.push_back(std::move(j));
  }
  Json worst = Json::array();
  for (std::uint32_t u : s.worst_units) {
    const report::UnitSummary& us = s.units[u];
    worst.push_back({{"unit", report::id_of(r.units, u)},
                     {"violations", us.violations},
                     {"required_violations", us.required_violations},
                     {"overdue", us.progress.overdue},
                     {"required", us.progress.required},
                     {"done", us.progress.done()}});
  }
  Json j = progress(s.progress);
  j["violations"] = s.violations;
  j["required_violations"] = s.required_violations;
  j["violations_by_kind"] = kinds(s.by_kind);
  j["phases"] = std::move(phases);
  j["supervision_groups"] = std::move(groups);
  j["worst_units"] = std::move(worst);
  return j;
}

Json violations(const CampaignReport& r) {
  Json out = Json::array();
  for (std::size_t i : report::violation_order(r)) {
    const ReportViolation& v = r.violations[i];
    out.push_back({{"day", report::format_day(v.day)},
                   {"unit", report::id_of(r.units, v.unit)},
                   {"member", v.member_id.empty() ? Json(nullptr) : Json(v.member_id)},
                   {"member_name", v.member_name.empty() ? Json(nullptr) : Json(v.member_name)},
                   {"phase", report::id_of(r.phases, v.phase)},
                   {"step", id_or_null(r.steps, v.step)},
                   {"kind", v.kind},
                   {"severity", report::severity_name(v.severity)},
                   {"rule", v.rule},
                   {"message", v.message}});
  }
  return out;
}

void add_model(const CampaignReport& r, Json& out) {
  Json phases = Json::array();
  for (const ReportPhase& p : r.phases) {
    Json windows = Json::array();
    for (const ReportWindow& w : p.windows)
      windows.push_back({{"org_type", report::id_of(r.org_types, w.org_type)},
                         {"start", report::format_day(w.start)},
                         {"end", report::format_day(w.end)}});
    phases.push_back({{"id", p.id}, {"name", p.display_name}, {"windows", std::move(windows)}});
  }
  Json steps = Json::array();
  for (const ReportStep& s : r.steps)
    steps.push_back({{"id", s.id},
                     {"name", s.display_name},
                     {"phase", report::id_of(r.phases, s.phase)},
                     {"actor", s.actor},
                     {"severity", report::severity_name(s.severity)}});
  Json units = Json::array();
  for (const ReportUnit& u : r.units)
    units.push_back({{"id", u.id},
                     {"name", u.display_name},
                     {"org_type", report::id_of(r.org_types, u.org_type)},
                     {"supervision_group", id_or_null(r.groups, u.group)}});
  out["org_types"] = names(r.org_types);
  out["supervision_groups"] = names(r.groups);
  out["phases"] = std::move(phases);
  out["steps"] = std::move(steps);
  out["units"] = std::move(units);
}

Json cells(const CampaignReport& r) {
  Json out = Json::array();
  for (const ReportCell& c : r.cells)
    out.push_back({{"unit", report::id_of(r.units, c.unit)},
                   {"step", report::id_of(r.steps, c.step)},
                   {"required", c.required},
                   {"on_time", c.on_time},
                   {"late", c.late},
                   {"excused", c.excused},
                   {"overdue", c.overdue},
                   {"due", day_or_null(c.due)},
                   {"completed", day_or_null(c.completed)}});
  return out;
}

Json burn_down(const CampaignReport& r) {
  Json series = Json::array();
  for (std::size_t p = 0; p < r.burn_down.open_by_phase.size(); ++p)
    series.push_back({{"phase", report::id_of(r.phases, static_cast<std::uint32_t>(p))},
                      {"open", r.burn_down.open_by_phase[p]}});
  const bool empty = r.burn_down.open_by_phase.empty();
  return {{"first_day", empty ? Json(nullptr) : Json(report::format_day(r.burn_down.first_day))},
          {"series", std::move(series)}};
}

Json forecasts(const CampaignReport& r) {
  Json out = Json::array();
  for (const ReportForecast& f : r.forecasts)
    out.push_back({{"unit", report::id_of(r.units, f.unit)},
                   {"step", report::id_of(r.steps, f.step)},
                   {"on_time_probability", report::round_rate(f.on_time_probability)},
                   {"p10", report::format_day(f.p10)},
                   {"p50", report::format_day(f.p50)},
                   {"p90", report::format_day(f.p90)}});
  return out;
}

}  // namespace

std::string render_report_json(const CampaignReport& r) {
  Json out;
  out["schema_version"] = kSchemaVersion;
  out["campaign"] = {{"id", r.campaign_id},
                     {"name", r.campaign_name},
                     {"start", day_or_null(r.start)},
                     {"as_of", report::format_day(r.as_of)},
                     {"source", r.source},
                     {"runs", r.runs}};
  out["summary"] = summary(r);
  out["violations"] = violations(r);
  add_model(r, out);
  out["cells"] = cells(r);
  out["burn_down"] = burn_down(r);
  out["forecasts"] = forecasts(r);
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace lockstep
