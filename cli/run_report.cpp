// Engine state to CampaignReport; see run_report.h.
#include "cli/run_report.h"
#include "lockstep/messages.h"

#include <algorithm>
#include <map>
#include <utility>

namespace lockstep::cli {

DayNumber campaign_end(const Engine& engine) {
  const CampaignModel& model = engine.model();
  const Organization& org = engine.organization();
  DayNumber end = engine.start();
  for (UnitId u = 0; u < org.units.size(); ++u)
    for (PhaseId p = 0; p < model.phases.size(); ++p)
      if (auto w = engine.phase_window(u, p)) end = std::max(end, w->second);
  return end;
}

CompletionDays::CompletionDays(const Engine& engine)
    : org_(engine.organization()),
      model_(engine.model()),
      day_(org_.units.size() * model_.steps.size(), kNone) {}

void CompletionDays::note(const Event& e) {
  if (e.kind != Event::Kind::kComplete || e.step >= model_.steps.size()) return;
  const bool member = model_.steps[e.step].actor == Actor::kMember;
  if (member ? e.actor >= org_.member_count() : e.actor >= org_.units.size()) return;
  const UnitId unit = member ? org_.member_responsible[e.actor] : e.actor;
  if (unit >= org_.units.size()) return;
  DayNumber& d = day_[unit * model_.steps.size() + e.step];
  d = std::max(d, e.day);
}

std::optional<DayNumber> CompletionDays::last(std::uint32_t unit, std::uint32_t step) const {
  if (unit >= org_.units.size() || step >= model_.steps.size()) return std::nullopt;
  const DayNumber d = day_[unit * model_.steps.size() + step];
  if (d == kNone) return std::nullopt;
  return d;
}

std::size_t run_events(Engine& engine, std::span<const Event> events,
                       std::optional<DayNumber> until, const DayObserver& on_day,
                       CompletionDays* days) {
  std::size_t refused = 0;
  for (const Event& e : events) {
    advance_daily(engine, e.day, on_day);
    if (!engine.apply(e).accepted)
      ++refused;
    else if (days)
      days->note(e);
  }
  if (until) advance_daily(engine, *until, on_day);
  if (on_day) on_day(engine);
  return refused;
}

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

namespace {

void fill_names(const CampaignModel& model, const Organization& org, CampaignReport& r) {
  r.campaign_id = model.id;
  r.campaign_name = model.display_name;
  for (const OrgType& t : model.org_types) r.org_types.push_back({t.id, t.display_name});
  for (const SupervisionGroup& g : org.groups) r.groups.push_back({g.id, g.display_name});
  for (const Step& s : model.steps) {
    static const char* const kActors[] = {"member",    "branch",       "general_branch",
                                          "committee", "organization", "leadership"};
    r.steps.push_back(
        {s.id, s.display_name, s.phase, s.severity, kActors[static_cast<int>(s.actor)]});
  }
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
  switch (s.state) {
    case StepState::kDone:
      ++c.on_time;
      break;
    case StepState::kDoneLate:
      ++c.late;
      break;
    case StepState::kExcused:
      ++c.excused;
      break;
    case StepState::kOverdue:
      ++c.overdue;
      break;
    default:
      break;
  }
  if (s.due && (!c.due || *s.due > *c.due)) c.due = s.due;
  if (s.done && (!c.completed || *s.done > *c.completed)) c.completed = s.done;
}

}  // namespace

std::vector<ReportCell> report_cells(const Engine& engine, const CompletionDays* days) {
  std::vector<ReportCell> out;
  const Organization& org = engine.organization();
  std::map<std::pair<std::uint32_t, std::uint32_t>, ReportCell> cells;  // (unit, step), ordered
  for (UnitId u = 0; u < org.units.size(); ++u) {
    std::optional<UnitStatus> st = engine.unit_status(u);
    if (!st) continue;
    for (const StepStatus& s : st->steps) count_into(cells[{u, s.step}], s);
  }
  for (MemberId m = 0; m < org.member_count(); ++m) {
    std::optional<MemberStatus> st = engine.member_status(m);
    if (!st) continue;
    for (const StepStatus& s : st->steps) count_into(cells[{st->branch, s.step}], s);
  }
  for (auto& [key, cell] : cells) {
    cell.unit = key.first;
    cell.step = key.second;
    if (cell.on_time + cell.late + cell.excused < cell.required)
      cell.completed.reset();
    else if (days && cell.on_time + cell.late > 0)
      if (auto d = days->last(cell.unit, cell.step); d && (!cell.completed || *d > *cell.completed))
        cell.completed = d;
    out.push_back(cell);
  }
  return out;
}

namespace {

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

CampaignReport make_report(const Engine& engine, const std::string& source,
                           const CompletionDays* days) {
  CampaignReport r;
  fill_names(engine.model(), engine.organization(), r);
  r.start = engine.start();
  r.as_of = engine.clock();
  r.source = source;
  fill_phases(engine, r);
  r.cells = report_cells(engine, days);
  fill_violations(engine, r);
  return r;
}

}  // namespace lockstep::cli
