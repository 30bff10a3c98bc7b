// Rendering a ShardedSummary: a text summary for people and one JSON object for machines. Both
// are bounded (the summary's lists are capped) and list every true total. Display names come
// last on their lines, so Chinese names need no width-aware padding.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "lockstep/civil_date.h"
#include "sim/sharded.h"

namespace lockstep::sim {
namespace {

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

std::string rate(std::uint64_t part, std::uint64_t whole) {
  return whole == 0 ? std::string("-") : fmt::format("{:.1f}%", 100.0 * part / whole);
}

std::uint64_t sum(const std::array<std::uint64_t, kViolationKindCount>& a) {
  std::uint64_t n = 0;
  for (std::uint64_t x : a) n += x;
  return n;
}

std::string unit_label(std::uint32_t shard, UnitId unit) {
  return fmt::format("s{}/u{}", shard, unit);
}

}  // namespace

std::string render_sharded_text(const ShardedSummary& s, const CampaignModel& model,
                                const std::string& source) {
  std::string out = fmt::format("{} {}\n", model.id, model.display_name);
  out += fmt::format("{}: {} members, {} units in {} shards; {} events ({} refused); {} to {}\n",
                     source, s.members, s.units, s.shards, s.events, s.refused,
                     format_date(s.start), format_date(s.as_of));
  out += fmt::format("\n{:>12} {:>12} {:>12} {:>12} {:>12} {:>8}  {}\n", "required", "on time",
                     "late", "excused", "open", "on time", "phase (required steps)");
  const std::vector<PhaseTotals> phases = phase_totals(s, model);
  for (PhaseId p = 0; p < phases.size(); ++p) {
    const PhaseTotals& t = phases[p];
    const std::uint64_t open = t.required - std::min(t.required, t.on_time + t.late + t.excused);
    out += fmt::format("{:>12} {:>12} {:>12} {:>12} {:>12} {:>8}  {} {}\n", t.required, t.on_time,
                       t.late, t.excused, open, rate(t.on_time, t.judged), model.phases[p].id,
                       model.phases[p].display_name);
  }
  out += fmt::format("\nviolations: {}\n", s.violations);
  for (PhaseId p = 0; p < s.errors.size(); ++p)
    for (int k = 0; k < kViolationKindCount; ++k) {
      const std::uint64_t e = s.errors[p][k], w = s.warnings[p][k];
      if (e + w == 0) continue;
      out += fmt::format("{:>12} errors {:>12} warnings  {} in {}\n", e, w,
                         violation_kind_name(static_cast<ViolationKind>(k)), model.phases[p].id);
    }
  if (!s.worst_units.empty()) {
    out += "\nunits with the most errors (shard/unit):\n";
    for (const WorstUnit& w : s.worst_units) {
      const std::string type =
          w.org_type < model.org_types.size() ? model.org_types[w.org_type].id : "?";
      out += fmt::format("{:>12}  {} ({})\n", w.violations, unit_label(w.shard, w.unit), type);
    }
  }
  if (!s.details.empty()) {
    out += fmt::format("\nthe first {} of {} violations (ids within their shard):\n",
                       s.details.size(), s.violations);
    for (const ViolationDetail& d : s.details)
      out += fmt::format("  {} s{} {}\n", format_date(d.violation.day), d.shard, d.message);
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

}  // namespace lockstep::sim
