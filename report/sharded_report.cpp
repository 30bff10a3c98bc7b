// Rendering a ShardedSummary: a text summary for people and one JSON object for machines. Both
// are bounded (the summary's lists are capped) and list every true total. The text reads like the
// campaign report of a smaller run (render_report_text): the same title lines, section titles,
// tables and cells (report/text_cells.h), with the shard beside every unit, since units and
// members are numbered within their shard.
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lockstep/civil_date.h"
#include "lockstep/sharded_summary.h"
#include "report/summary.h"
#include "report/table.h"
#include "report/text_cells.h"
#include "report/width.h"

namespace lockstep {
namespace {

using report::Align;
using report::Cell;
using report::Style;
using report::Table;

struct PhaseTotals {
  std::uint64_t required = 0, on_time = 0, late = 0, excused = 0, overdue = 0, judged = 0;
};

// Required steps only, as the phase's closing counts them.
std::vector<PhaseTotals> phase_totals(const ShardedSummary& s, const CampaignModel& model) {
  std::vector<PhaseTotals> out(model.phases.size());
  for (StepId id = 0; id < s.steps.size() && id < model.steps.size(); ++id) {
    const Step& step = model.steps[id];
    if (step.severity != Severity::kRequired || step.phase >= out.size()) continue;
    const StepTotals& t = s.steps[id];
    PhaseTotals& p = out[step.phase];
    p.required += t.applicable;
    p.on_time += t.by_state[static_cast<int>(StepState::kDone)];
    p.late += t.by_state[static_cast<int>(StepState::kDoneLate)];
    p.excused += t.by_state[static_cast<int>(StepState::kExcused)];
    p.overdue += t.by_state[static_cast<int>(StepState::kOverdue)];
    p.judged += t.judged;
  }
  return out;
}

// As the campaign report counts them, so its rates are the same.
report::Progress progress_of(const PhaseTotals& t) {
  report::Progress g;
  g.required = t.required;
  g.on_time = t.on_time;
  g.late = t.late;
  g.excused = t.excused;
  g.overdue = t.overdue;
  return g;
}

std::uint64_t sum(const std::array<std::uint64_t, kViolationKindCount>& a) {
  std::uint64_t n = 0;
  for (std::uint64_t x : a) n += x;
  return n;
}

// The JSON's name of a unit: its shard and its id there.
std::string unit_label(std::uint32_t shard, UnitId unit) {
  return fmt::format("s{}/u{}", shard, unit);
}

// Violation kinds by name, as the campaign report sorts them.
std::vector<int> kinds_by_name() {
  std::vector<int> kinds(kViolationKindCount);
  for (int k = 0; k < kViolationKindCount; ++k) kinds[k] = k;
  std::sort(kinds.begin(), kinds.end(), [](int a, int b) {
    return std::string_view(violation_kind_name(static_cast<ViolationKind>(a))) <
           std::string_view(violation_kind_name(static_cast<ViolationKind>(b)));
  });
  return kinds;
}

std::string phases_table(const ShardedSummary& s, const CampaignModel& model, bool color) {
  std::vector<report::PhaseRow> rows;
  const std::vector<PhaseTotals> phases = phase_totals(s, model);
  const std::vector<int> kinds = kinds_by_name();
  for (PhaseId p = 0; p < phases.size(); ++p) {
    report::PhaseRow& row = rows.emplace_back();
    row.name = report::name_of(model.phases, p);
    row.progress = progress_of(phases[p]);
    for (int k : kinds)
      if (p < s.errors.size() && s.errors[p][k] + s.warnings[p][k] != 0)
        row.by_kind.push_back(
            {violation_kind_name(static_cast<ViolationKind>(k)), s.errors[p][k], s.warnings[p][k]});
  }
  return report::phases_table(rows, color);
}

// Over all phases.
std::vector<report::KindCount> kinds_over_phases(const ShardedSummary& s) {
  std::vector<report::KindCount> out;
  for (int k : kinds_by_name()) {
    report::KindCount c{violation_kind_name(static_cast<ViolationKind>(k))};
    for (PhaseId p = 0; p < s.errors.size(); ++p)
      c.required += s.errors[p][k], c.advisory += s.warnings[p][k];
    if (c.total() != 0) out.push_back(c);
  }
  return out;
}

std::string worst_table(const ShardedSummary& s, const CampaignModel& model, bool color) {
  Table t({{"Shard", Align::kRight},
           {"Unit", Align::kLeft, report::kNameWidth},
           {"Org type", Align::kLeft, 12},
           {"Required violations", Align::kRight}});
  for (const WorstUnit& w : s.worst_units)
    t.add_row({std::to_string(w.shard), fmt::format("u{}", w.unit),
               report::name_of(model.org_types, w.org_type),
               report::count(w.violations, Style::kRed)});
  return t.render(color);
}

// Units and members as a synthetic roster names them ("u" and "m" + index), within their shard.
std::string details_table(const ShardedSummary& s, const CampaignModel& model, bool color) {
  Table t({{"Day", Align::kLeft},
           {"Shard", Align::kRight},
           {"Unit", Align::kLeft},
           {"Member", Align::kLeft},
           {"Step", Align::kLeft, report::kNameWidth},
           {"Kind", Align::kLeft, 16},
           {"Severity", Align::kLeft},
           {"Rule", Align::kLeft, 40},
           {"Message", Align::kLeft, report::kMessageWidth}});
  for (const ViolationDetail& d : s.details) {
    const Violation& v = d.violation;
    // A phase's own rules (window, gate) name no step: the phase stands in, as in the campaign
    // report.
    const std::string step = v.step == kNoStep ? report::name_of(model.phases, v.phase)
                                               : report::name_of(model.steps, v.step);
    const bool required = v.severity == Severity::kRequired;
    t.add_row({format_date(v.day), std::to_string(d.shard),
               v.unit == kNoUnit ? std::string("-") : fmt::format("u{}", v.unit),
               v.member == kNoMember ? std::string("-") : fmt::format("m{}", v.member), step,
               violation_kind_name(v.kind),
               Cell(report::severity_name(v.severity), required ? Style::kRed : Style::kYellow),
               Cell(d.rule, Style::kDim), d.message});
  }
  return t.render(color);
}

}  // namespace

std::string render_sharded_text(const ShardedSummary& s, const CampaignModel& model,
                                const std::string& source, bool color) {
  std::string out;
  // Names come from the rules: kept to one printable line, like table cells.
  out += color ? report::ansi_start(Style::kBold) : "";
  out += report::sanitize_for_terminal(model.display_name.empty() ? model.id : model.display_name);
  out += color ? report::kAnsiReset : "";
  out += fmt::format("  ({})\n", report::sanitize_for_terminal(model.id));
  out += fmt::format("as of {}, started {}, from {}\n", format_date(s.as_of), format_date(s.start),
                     report::sanitize_for_terminal(source));
  report::Progress all;
  for (const PhaseTotals& t : phase_totals(s, model)) {
    const report::Progress g = progress_of(t);
    all.required += g.required, all.on_time += g.on_time, all.late += g.late;
    all.excused += g.excused, all.overdue += g.overdue;
  }
  std::uint64_t required_violations = 0;
  for (const auto& by_kind : s.errors) required_violations += sum(by_kind);
  out += fmt::format(
      "{} members, {} units in {} shards, {} events ({} refused); {} violations ({} required), "
      "on-time rate {}\n",
      report::grouped(s.members), report::grouped(s.units), report::grouped(s.shards),
      report::grouped(s.events), report::grouped(s.refused), report::grouped(s.violations),
      report::grouped(required_violations), report::percent(all.on_time_rate()));

  report::section(out, "Phases", color);
  out += phases_table(s, model, color);
  if (s.violations != 0) {
    report::section(out, "Violations by kind", color);
    out += report::kinds_table(kinds_over_phases(s), color);
  }
  if (!s.worst_units.empty()) {
    report::section(
        out, "Worst units (most required violations; units numbered within their shard)", color);
    out += worst_table(s, model, color);
  }
  if (!s.details.empty()) {
    report::section(out,
                    "Violations (the first ones in shard order; units numbered within their shard)",
                    color);
    out += details_table(s, model, color);
    if (s.violations > s.details.size())
      out += fmt::format("... and {} more (the national summary keeps the first {})\n",
                         report::grouped(s.violations - s.details.size()),
                         report::grouped(s.details.size()));
  }
  return out;
}

std::string render_sharded_json(const ShardedSummary& s, const CampaignModel& model,
                                const std::string& source) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["schema"] = "lockstep.sharded_summary";
  j["schema_version"] = 1;
  j["campaign"] = {{"id", model.id}, {"name", model.display_name}};
  j["source"] = source;
  j["members"] = s.members;
  j["units"] = s.units;
  j["shards"] = s.shards;
  j["events"] = s.events;
  j["refused"] = s.refused;
  j["start"] = format_date(s.start);
  j["as_of"] = format_date(s.as_of);
  j["state_bytes_per_member"] = s.state_bytes_per_member;
  const std::vector<PhaseTotals> phases = phase_totals(s, model);
  Json jp = Json::array();
  for (PhaseId p = 0; p < phases.size(); ++p) {
    const PhaseTotals& t = phases[p];
    Json kinds = Json::object();
    for (int k = 0; k < kViolationKindCount; ++k)
      if (s.errors[p][k] + s.warnings[p][k] != 0)
        kinds[violation_kind_name(static_cast<ViolationKind>(k))] = {
            {"errors", s.errors[p][k]}, {"warnings", s.warnings[p][k]}};
    jp.push_back({{"id", model.phases[p].id},
                  {"required", t.required},
                  {"on_time", t.on_time},
                  {"late", t.late},
                  {"excused", t.excused},
                  {"overdue", t.overdue},
                  {"judged", t.judged},
                  {"violations", kinds},
                  {"errors", sum(s.errors[p])},
                  {"warnings", sum(s.warnings[p])}});
  }
  j["phases"] = jp;
  Json js = Json::array();
  for (StepId id = 0; id < s.steps.size(); ++id) {
    const StepTotals& t = s.steps[id];
    js.push_back({{"id", model.steps[id].id},
                  {"applicable", t.applicable},
                  {"by_state", t.by_state},
                  {"on_time", t.on_time},
                  {"judged", t.judged}});
  }
  j["steps"] = js;
  j["violations_total"] = s.violations;
  Json jw = Json::array();
  for (const WorstUnit& w : s.worst_units)
    jw.push_back({{"unit", unit_label(w.shard, w.unit)}, {"errors", w.violations}});
  j["worst_units"] = jw;
  Json jd = Json::array();
  for (const ViolationDetail& d : s.details)
    jd.push_back({{"shard", d.shard},
                  {"day", format_date(d.violation.day)},
                  {"kind", violation_kind_name(d.violation.kind)},
                  {"severity", d.violation.severity == Severity::kRequired ? "error" : "warning"},
                  {"rule", d.rule},
                  {"message", d.message}});
  j["violations"] = jd;  // capped; violations_total is the true count
  return j.dump(2) + "\n";
}

}  // namespace lockstep
