// Resolving logged events' names; see names.h. Lookups only: hash order never shows.
#include "db/names.h"

#include <fmt/format.h>

namespace lockstep::db {

NameIndex::NameIndex(const CampaignModel& model, const Organization& org) : model_(model) {
  for (MemberId m = 0; m < org.member_count(); ++m) members_.emplace(org.member_id(m), m);
  for (UnitId u = 0; u < org.units.size(); ++u) units_.emplace(org.units[u].id, u);
  for (StepId s = 0; s < model.steps.size(); ++s) steps_.emplace(model.steps[s].id, s);
  for (PhaseId p = 0; p < model.phases.size(); ++p) phases_.emplace(model.phases[p].id, p);
  for (FormId f = 0; f < model.forms.size(); ++f) forms_.emplace(model.forms[f].id, f);
  for (std::uint32_t g = 0; g < org.groups.size(); ++g) groups_.emplace(org.groups[g].id, g);
}

std::optional<std::uint32_t> NameIndex::find(const Map& m, const std::string& key) {
  auto it = m.find(key);
  if (it == m.end()) return std::nullopt;
  return it->second;
}

std::optional<Event> NameIndex::resolve(const LogEvent& r, std::string& error) const {
  if (r.kind == LogEvent::Kind::kApprove) {
    auto phase = find(phases_, r.step);
    if (!phase) return error = fmt::format("unknown phase '{}'", r.step), std::nullopt;
    auto unit = find(units_, r.who);
    if (!unit) return error = fmt::format("unknown unit '{}'", r.who), std::nullopt;
    const auto& gate = model_.phases[*phase].gate;
    if (!gate)
      return error = fmt::format("phase '{}' has no gate to approve", r.step), std::nullopt;
    const bool by_group = gate->approver == Gate::Approver::kSupervisionGroup;
    auto approver = find(by_group ? groups_ : units_, r.approver);
    if (!approver)
      return error = fmt::format("unknown {} '{}' as approver",
                                 by_group ? "supervision group" : "unit", r.approver),
             std::nullopt;
    return Event::approve(static_cast<PhaseId>(*phase), *unit, *approver, r.day);
  }
  auto step = find(steps_, r.step);
  if (!step) return error = fmt::format("unknown step '{}'", r.step), std::nullopt;
  const bool by_member = model_.steps[*step].actor == Actor::kMember;
  auto actor = find(by_member ? members_ : units_, r.who);
  if (!actor)
    return error = fmt::format("unknown {} '{}' for step '{}' (performed by {})",
                               by_member ? "member" : "unit", r.who, r.step,
                               by_member ? "members" : "units"),
           std::nullopt;
  const auto s = static_cast<StepId>(*step);
  if (r.kind == LogEvent::Kind::kExcuse) return Event::excuse(s, *actor, r.day, r.reason);
  if (r.kind == LogEvent::Kind::kRevise) return Event::revise(s, *actor, r.day);
  Evidence ev;
  if (r.hours) ev.hours = *r.hours;
  if (r.chars) ev.chars = *r.chars;
  if (r.count) ev.count = *r.count;
  if (!r.form.empty()) {
    auto form = find(forms_, r.form);
    if (!form) return error = fmt::format("unknown form '{}'", r.form), std::nullopt;
    ev.form = static_cast<FormId>(*form);
  }
  return Event::complete(s, *actor, r.day, ev);
}

}  // namespace lockstep::db
