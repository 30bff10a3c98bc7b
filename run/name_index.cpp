// Resolving logged events' names; see lockstep/name_index.h. Lookups only: hash order never
// shows.
#include "lockstep/name_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

#include "lockstep/messages.h"

#include "util/suggest.h"

namespace lockstep {

namespace {

// Suggestions compare a name with every candidate: past this many, an unknown name (which an
// untrusted log may repeat a million times) gets none rather than a scan of the whole roster.
constexpr std::size_t kMaxSuggestionCandidates = 5000;

const char* role_name(NameRole role) {
  switch (role) {
    case NameRole::kMember:
      return "member";
    case NameRole::kUnit:
      return "unit";
    case NameRole::kStep:
      return "step";
    case NameRole::kPhase:
      return "phase";
    case NameRole::kForm:
      return "form";
    case NameRole::kApprover:
      return "approver";
  }
  return "name";
}

}  // namespace

NameIndex::NameIndex(std::shared_ptr<const CampaignModel> model,
                     std::shared_ptr<const Organization> org)
    : model_(std::move(model)), org_(std::move(org)) {
  const Organization& o = *org_;
  for (MemberId m = 0; m < o.member_count(); ++m) member_ids_.emplace(o.member_id(m), m);
  for (MemberId m = 0; m < o.member_count(); ++m)
    if (!o.member_name(m).empty()) members_by_name_.push_back(m);
  // Stable: members of one name stay in roster order, so an ambiguity lists them that way.
  std::stable_sort(members_by_name_.begin(), members_by_name_.end(),
                   [&o](MemberId a, MemberId b) { return o.member_name(a) < o.member_name(b); });
  const auto fill = [](Table& t, const auto& items) {
    for (std::uint32_t i = 0; i < items.size(); ++i) {
      t.ids.emplace(items[i].id, i);
      if (!items[i].display_name.empty() && items[i].display_name != items[i].id)
        t.names.emplace(items[i].display_name, i);
    }
  };
  fill(units_, o.units);
  fill(groups_, o.groups);
  fill(steps_, model_->steps);
  fill(phases_, model_->phases);
  fill(forms_, model_->forms);
}

std::optional<std::uint32_t> NameIndex::find(const Table& t, NameRole role, std::string_view name,
                                             NameProblem* problem) const {
  const std::string key(name);
  if (auto it = t.ids.find(key); it != t.ids.end()) return it->second;
  auto [first, last] = t.names.equal_range(key);
  std::vector<std::uint32_t> matches;
  for (auto it = first; it != last; ++it) matches.push_back(it->second);
  if (matches.size() == 1) return matches[0];
  if (problem) {
    *problem = NameProblem{};
    problem->role = role;
    problem->name = key;
    std::sort(matches.begin(), matches.end());
    if (matches.size() > NameProblem::kMaxListed) matches.resize(NameProblem::kMaxListed);
    problem->matches = std::move(matches);
    if (problem->matches.empty() && t.ids.size() <= kMaxSuggestionCandidates) {
      // Candidates in id order, so that the suggestion does not depend on hash order.
      std::vector<std::pair<std::uint32_t, std::string_view>> by_index;
      for (const auto& [id, index] : t.ids) by_index.emplace_back(index, id);
      std::sort(by_index.begin(), by_index.end());
      std::vector<std::string_view> candidates;
      for (const auto& [index, id] : by_index) candidates.push_back(id);
      problem->suggestion = util::closest_name(name, candidates);
    }
  }
  return std::nullopt;
}

std::optional<std::uint32_t> NameIndex::find_member(std::string_view name,
                                                    NameProblem* problem) const {
  if (auto it = member_ids_.find(std::string(name)); it != member_ids_.end()) return it->second;
  const Organization& o = *org_;
  auto [first, last] = std::equal_range(
      members_by_name_.begin(), members_by_name_.end(), name, [&o](const auto& a, const auto& b) {
        const auto text = [&o](const auto& x) -> std::string_view {
          if constexpr (std::is_same_v<std::decay_t<decltype(x)>, MemberId>)
            return o.member_name(x);
          else
            return x;
        };
        return text(a) < text(b);
      });
  if (last - first == 1) return *first;
  if (problem) {
    *problem = NameProblem{};
    problem->role = NameRole::kMember;
    problem->name = std::string(name);
    for (auto it = first; it != last && problem->matches.size() < NameProblem::kMaxListed; ++it)
      problem->matches.push_back(*it);
    if (problem->matches.empty() && o.member_count() <= kMaxSuggestionCandidates) {
      std::vector<std::string> ids;
      for (MemberId m = 0; m < o.member_count(); ++m) ids.push_back(o.member_id(m));
      problem->suggestion = util::closest_name(name, {ids.begin(), ids.end()});
    }
  }
  return std::nullopt;
}

std::optional<MemberRef> NameIndex::member(std::string_view name, NameProblem* problem) const {
  if (auto m = find_member(name, problem)) return MemberRef(*m);
  return std::nullopt;
}
std::optional<UnitRef> NameIndex::unit(std::string_view name, NameProblem* problem) const {
  if (auto u = find(units_, NameRole::kUnit, name, problem)) return UnitRef(*u);
  return std::nullopt;
}
std::optional<StepId> NameIndex::step(std::string_view name, NameProblem* problem) const {
  if (auto s = find(steps_, NameRole::kStep, name, problem)) return static_cast<StepId>(*s);
  return std::nullopt;
}
std::optional<PhaseId> NameIndex::phase(std::string_view name, NameProblem* problem) const {
  if (auto p = find(phases_, NameRole::kPhase, name, problem)) return static_cast<PhaseId>(*p);
  return std::nullopt;
}
std::optional<FormId> NameIndex::form(std::string_view name, NameProblem* problem) const {
  if (auto f = find(forms_, NameRole::kForm, name, problem)) return static_cast<FormId>(*f);
  return std::nullopt;
}
std::optional<std::uint16_t> NameIndex::group(std::string_view name, NameProblem* problem) const {
  if (auto g = find(groups_, NameRole::kApprover, name, problem))
    return static_cast<std::uint16_t>(*g);
  return std::nullopt;
}

std::optional<Event> NameIndex::resolve(const LogEvent& r, Refusal& why) const {
  why = Refusal{};
  why.event.day = r.day;
  const auto refuse = [&why]() -> std::optional<Event> {
    why.kind = why.name.matches.empty() ? RefusalKind::kUnknownName : RefusalKind::kAmbiguousName;
    return std::nullopt;
  };
  const CampaignModel& model = *model_;
  if (r.kind == LogEvent::Kind::kApprove) {
    why.event.kind = Event::Kind::kApprove;
    const auto phase = this->phase(r.step, &why.name);
    if (!phase) return refuse();
    why.event.phase = *phase;
    const auto organization = unit(r.who, &why.name);
    if (!organization) return refuse();
    why.event.set_actor(*organization);
    const auto& gate = model.phases[*phase].gate;
    // A phase without a gate has nothing to approve: the engine refuses it as not applicable.
    const bool by_group = gate && gate->approver == Gate::Approver::kSupervisionGroup;
    std::optional<std::uint32_t> approver;
    if (by_group) {
      approver = group(r.approver, &why.name);
      // A group's gate approved by a unit: where no group oversees the organization the engine
      // takes any approver, and the unit stands for "no group" (docs/formats.md).
      if (!approver && unit(r.approver)) approver = kNoGroup;
    } else if (auto u = unit(r.approver, &why.name)) {
      approver = u->id;
    }
    if (!approver) {
      why.name.role = NameRole::kApprover;
      return refuse();
    }
    return Event::approve(*phase, *organization, *approver, r.day);
  }
  const auto step = this->step(r.step, &why.name);
  if (!step) return refuse();
  why.event.step = *step;
  const bool by_member = model.steps[*step].actor == Actor::kMember;
  std::optional<ActorRef> actor;
  if (by_member) {
    if (auto m = member(r.who, &why.name)) actor = *m;
  } else if (auto u = unit(r.who, &why.name)) {
    actor = *u;
  }
  if (!actor) return refuse();
  if (r.kind == LogEvent::Kind::kExcuse) return Event::excuse(*step, *actor, r.day, r.reason);
  if (r.kind == LogEvent::Kind::kRevise) return Event::revise(*step, *actor, r.day);
  Evidence ev;
  if (r.hours) ev.hours = *r.hours;
  if (r.chars) ev.chars = *r.chars;
  if (r.count) ev.count = *r.count;
  if (!r.form.empty()) {
    const auto form = this->form(r.form, &why.name);
    if (!form) return refuse();
    ev.form = *form;
  }
  return Event::complete(*step, *actor, r.day, ev);
}

std::string describe(const NameProblem& p, const CampaignModel& model, const Organization& org) {
  if (p.matches.empty()) {
    std::string out = fmt::format("unknown {} '{}'", role_name(p.role), p.name);
    if (!p.suggestion.empty()) out += fmt::format(" (did you mean '{}'?)", p.suggestion);
    return out;
  }
  std::string ids;
  for (std::uint32_t id : p.matches) {
    if (!ids.empty()) ids += ", ";
    if (p.role == NameRole::kMember)
      ids += id < org.member_count() ? org.member_id(id) : std::to_string(id);
    else if (p.role == NameRole::kUnit)
      ids += id < org.units.size() ? org.units[id].id : std::to_string(id);
    else if (p.role == NameRole::kStep && id < model.steps.size())
      ids += model.steps[id].id;
    else if (p.role == NameRole::kPhase && id < model.phases.size())
      ids += model.phases[id].id;
    else if (p.role == NameRole::kForm && id < model.forms.size())
      ids += model.forms[id].id;
    else if (p.role == NameRole::kApprover && id < org.groups.size())
      ids += org.groups[id].id;
    else
      ids += std::to_string(id);
  }
  return fmt::format("'{}' is the display name of {} {}s ({}): name one by its id", p.name,
                     p.matches.size(), role_name(p.role), ids);
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
  // Views, not owners: the index lives only for this call.
  const NameIndex names(std::shared_ptr<const CampaignModel>(std::shared_ptr<void>{}, &model),
                        std::shared_ptr<const Organization>(std::shared_ptr<void>{}, &org));
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
  Refusal why;
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
    if (std::optional<Event> e = names.resolve(record, why)) {
      out.events.push_back(*e);
      keep[i] = true;
    } else {
      problem(record, "V100", describe(why, model, org),
              why.kind == RefusalKind::kAmbiguousName
                  ? "a name several share"
                  : "expected a name from the rules or the roster",
              why.kind == RefusalKind::kAmbiguousName ? "write the id instead of the display name"
                                                      : "");
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
