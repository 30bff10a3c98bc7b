// A run's state as a CampaignReport (lockstep/campaign_report.h): names, phase windows, one cell
// per (unit, step), the violations with their sentences, the burn-down. See lockstep/run.h.
#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include "lockstep/messages.h"
#include "lockstep/names.h"
#include "lockstep/run.h"

namespace lockstep {
namespace {

// Open required (actor, step) instances per phase, now: one burn-down sample.
std::vector<std::uint32_t> open_by_phase(const Engine& engine) {
  const CampaignModel& model = engine.model();
  const Organization& org = engine.organization();
  std::vector<std::uint32_t> open(model.phases.size(), 0);
  for (UnitId u = 0; u < org.units.size(); ++u) {
    if (org.units[u].parent != kNoUnit) continue;
    std::optional<Rollup> r = engine.rollup_subtree(u);
    if (!r) continue;
    for (const StepRollup& s : r->steps) {
      const Step& step = model.steps[s.step];
      if (step.severity != Severity::kRequired) continue;
      const std::uint32_t finished = s.by_state[static_cast<int>(StepState::kDone)] +
                                     s.by_state[static_cast<int>(StepState::kDoneLate)] +
                                     s.by_state[static_cast<int>(StepState::kExcused)];
      open[step.phase] += s.applicable - std::min(s.applicable, finished);
    }
  }
  return open;
}

void fill_names(const CampaignModel& model, const Organization& org, CampaignReport& r) {
  r.campaign_id = model.id;
  r.campaign_name = model.display_name;
  for (const OrgType& t : model.org_types) r.org_types.push_back({t.id, t.display_name});
  for (const SupervisionGroup& g : org.groups) r.groups.push_back({g.id, g.display_name});
  for (const Step& s : model.steps)
    r.steps.push_back({s.id, s.display_name, s.phase, s.severity, actor_name(s.actor)});
  for (const Unit& u : org.units)
    r.units.push_back({u.id, u.display_name, u.org_type,
                       u.supervision_group == kNoGroup ? kNoIndex : u.supervision_group});
}

void fill_phases(const Engine& engine, CampaignReport& r) {
  const CampaignModel& model = engine.model();
  const Organization& org = engine.organization();
  for (PhaseId p = 0; p < model.phases.size(); ++p) {
    ReportPhase phase{model.phases[p].id, model.phases[p].display_name, {}};
    std::vector<bool> seen(model.org_types.size(), false);
    for (UnitId u = 0; u < org.units.size(); ++u) {
      const OrgTypeId t = org.units[u].org_type;
      if (t >= seen.size() || seen[t]) continue;
      if (auto w = engine.phase_window(u, p)) {
        seen[t] = true;
        phase.windows.push_back({t, w->first, w->second});
      }
    }
    std::sort(phase.windows.begin(), phase.windows.end(),
              [](const ReportWindow& a, const ReportWindow& b) { return a.org_type < b.org_type; });
    r.phases.push_back(std::move(phase));
  }
}

void count_into(ReportCell& c, const StepStatus& s) {
  ++c.required;
  // The cell's counter for each state, where the cell counts it (locked, ready and reopened are
  // the open ones that are not overdue: required minus the rest).
  std::uint32_t* const counters[kStepStateCount] = {nullptr,    nullptr,    &c.on_time, &c.late,
                                                    &c.overdue, &c.excused, nullptr};
  const auto state = static_cast<std::size_t>(s.state);
  if (state < kStepStateCount && counters[state]) ++*counters[state];
  if (s.due && (!c.due || *s.due > *c.due)) c.due = s.due;
  if (s.done && (!c.completed || *s.done > *c.completed)) c.completed = s.done;
}

void fill_violations(const Engine& engine, CampaignReport& r) {
  const CampaignModel& model = engine.model();
  const Organization& org = engine.organization();
  for (const Violation& v : engine.violations()) {
    ReportViolation out;
    out.day = v.day;
    out.unit = v.unit;
    if (v.member != kNoMember) {
      out.member_id = org.member_id(v.member);
      out.member_name = std::string(org.member_name(v.member));
    }
    out.phase = v.phase;
    out.step = v.step == kNoStep ? kNoIndex : v.step;
    out.kind = violation_kind_name(v.kind);
    out.severity = v.severity;
    out.rule = format_location(model, v.rule);
    out.message = describe(v, model, org);
    r.violations.push_back(std::move(out));
  }
}

}  // namespace

void Run::sample_burn_down() {
  const std::vector<std::uint32_t> open = open_by_phase(engine_);
  for (std::size_t p = 0; p < open.size(); ++p) open_by_phase_[p].push_back(open[p]);
}

std::vector<ReportCell> Run::cells() const {
  std::vector<ReportCell> out;
  std::map<std::pair<std::uint32_t, std::uint32_t>, ReportCell> cells;  // (unit, step), ordered
  UnitStatus unit_status;
  for (UnitId u = 0; u < org_->units.size(); ++u) {
    if (!engine_.unit_status(u, unit_status)) continue;
    for (const StepStatus& s : unit_status.steps) count_into(cells[{u, s.step}], s);
  }
  MemberStatus member_status;
  for (MemberId m = 0; m < org_->member_count(); ++m) {
    if (!engine_.member_status(m, member_status)) continue;
    for (const StepStatus& s : member_status.steps)
      count_into(cells[{member_status.branch, s.step}], s);
  }
  out.reserve(cells.size());
  for (auto& [key, cell] : cells) {
    cell.unit = key.first;
    cell.step = key.second;
    // A cell is completed when all of it is finished: on the last day any of it was done (the
    // engine's own day, or the run's record of member completions, whichever is later).
    if (cell.on_time + cell.late + cell.excused < cell.required) {
      cell.completed.reset();
    } else if (report_data_ && cell.on_time + cell.late > 0) {
      const DayNumber last = last_completion_[cell.unit * model_->steps.size() + cell.step];
      if (last != std::numeric_limits<DayNumber>::min() &&
          (!cell.completed || last > *cell.completed))
        cell.completed = last;
    }
    out.push_back(cell);
  }
  return out;
}

CampaignReport Run::report(std::string source) const {
  CampaignReport r;
  fill_names(*model_, *org_, r);
  r.start = engine_.start();
  r.as_of = engine_.clock();
  r.source = std::move(source);
  fill_phases(engine_, r);
  r.cells = cells();
  fill_violations(engine_, r);
  if (report_data_) {
    r.burn_down.first_day = first_day_;
    r.burn_down.open_by_phase = open_by_phase_;
    const std::vector<std::uint32_t> now = open_by_phase(engine_);  // the clock's own day
    for (std::size_t p = 0; p < now.size(); ++p) r.burn_down.open_by_phase[p].push_back(now[p]);
  }
  return r;
}

}  // namespace lockstep
