// Resolving logged events' names; see lockstep/name_index.h. Lookups only: hash order never
// shows.
#include "lockstep/name_index.h"

#include <fmt/format.h>

namespace lockstep {

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
    std::optional<std::uint32_t> approver = find(by_group ? groups_ : units_, r.approver);
    // A group's gate approved by a unit: where no group oversees the organization the engine
    // takes any approver, and the unit stands for "no group" (docs/formats.md).
    if (!approver && by_group && find(units_, r.approver)) approver = kNoGroup;
    if (!approver)
      return error = fmt::format("unknown {} '{}' as approver",
                                 by_group ? "supervision group or unit" : "unit", r.approver),
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

}  // namespace lockstep

namespace lockstep {

LogEvent log_event_of(const Event& e, const CampaignModel& model, const Organization& org) {
  LogEvent r;
  r.day = e.day;
  const auto unit_id = [&](std::uint32_t u) { return org.units[u].id; };
  if (e.kind == Event::Kind::kApprove) {
    r.kind = LogEvent::Kind::kApprove;
    r.step = model.phases[e.phase].id;
    r.who = unit_id(e.actor);
    const auto& gate = model.phases[e.phase].gate;
    const bool by_group = gate && gate->approver == Gate::Approver::kSupervisionGroup;
    if (!by_group)
      r.approver = unit_id(e.approver);
    else if (e.approver < org.groups.size())
      r.approver = org.groups[e.approver].id;
    else  // no group oversees it: the unit above the organization approved (see resolve())
      r.approver = unit_id(org.units[e.actor].parent);
    return r;
  }
  r.step = model.steps[e.step].id;
  r.who = model.steps[e.step].actor == Actor::kMember ? org.member_id(e.actor) : unit_id(e.actor);
  switch (e.kind) {
    case Event::Kind::kExcuse:
      r.kind = LogEvent::Kind::kExcuse;
      r.reason = std::string(e.reason);
      break;
    case Event::Kind::kRevise:
      r.kind = LogEvent::Kind::kRevise;
      break;
    default:
      r.kind = LogEvent::Kind::kComplete;
      if (e.evidence.hours != kNoValue) r.hours = e.evidence.hours;
      if (e.evidence.chars != kNoValue) r.chars = e.evidence.chars;
      if (e.evidence.count != kNoValue) r.count = e.evidence.count;
      if (e.evidence.form != kNoForm) r.form = model.forms[e.evidence.form].id;
      break;
  }
  return r;
}

std::string idempotency_conflict(std::string_view key, std::string_view first) {
  return fmt::format("idempotency key '{}' already names a different event ({})", key, first);
}

ResolvedLog resolve_log(std::vector<LogEvent> records, const CampaignModel& model,
                        const Organization& org, bool skip_invalid) {
  ResolvedLog out;
  const NameIndex names(model, org);
  const auto problem = [&](const LogEvent& record, const char* code, std::string message,
                           const char* label, const char* help) {
    Diagnostic d;
    d.level = skip_invalid ? Diagnostic::Level::kWarning : Diagnostic::Level::kError;
    d.code = code;
    d.message = std::move(message);
    d.span = record.where;
    d.label = label;
    d.help = help;
    out.diagnostics.push_back(std::move(d));
    if (skip_invalid) ++out.skipped;
  };
  std::unordered_map<std::string, std::size_t> first_with_key;  // key -> index in `records`
  std::vector<bool> keep(records.size(), false);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const LogEvent& record = records[i];
    if (!record.idempotency_key.empty()) {
      const auto [first, fresh] = first_with_key.emplace(record.idempotency_key, i);
      if (!fresh) {
        const LogEvent& earlier = records[first->second];
        if (earlier == record) {
          ++out.repeated;
        } else {
          problem(record, "V101",
                  idempotency_conflict(record.idempotency_key,
                                       fmt::format("line {}", earlier.where.line)),
                  "a key already used",
                  "a key names one event: give this record a key of its own, or remove it");
        }
        continue;
      }
    }
    std::string error;
    if (std::optional<Event> e = names.resolve(record, error)) {
      out.events.push_back(*e);
      keep[i] = true;
    } else {
      problem(record, "V100", std::move(error), "expected a name from the rules or the roster", "");
    }
  }
  out.records.reserve(out.events.size());
  for (std::size_t i = 0; i < records.size(); ++i)
    if (keep[i]) out.records.push_back(std::move(records[i]));
  // Excuse reasons view the records now owned by `out.records`.
  for (std::size_t i = 0; i < out.events.size(); ++i)
    if (out.events[i].kind == Event::Kind::kExcuse) out.events[i].reason = out.records[i].reason;
  return out;
}

}  // namespace lockstep
