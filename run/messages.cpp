// One-sentence descriptions of violations and refusals; see lockstep/messages.h. Text only:
// printing is the caller's business.
#include "lockstep/messages.h"

#include <fmt/format.h>

#include "lockstep/civil_date.h"
#include "lockstep/name_index.h"
#include "lockstep/names.h"

namespace lockstep {
namespace {

std::string step_name(const CampaignModel& m, StepId s) {
  if (s >= m.steps.size()) return fmt::format("step {}", s);
  return fmt::format("'{}'", m.steps[s].id);
}

std::string phase_name(const CampaignModel& m, PhaseId p) {
  if (p >= m.phases.size()) return fmt::format("phase {}", p);
  return fmt::format("'{}'", m.phases[p].id);
}

std::string unit_name(const Organization& o, UnitId u) {
  if (u >= o.units.size()) return fmt::format("unit {}", u);
  return fmt::format("unit {}", o.units[u].id);
}

std::string member_name(const Organization& o, MemberId m) {
  if (m >= o.member_count()) return fmt::format("member {}", m);
  const std::string_view name = o.member_name(m);
  if (name.empty()) return fmt::format("member {}", o.member_id(m));
  return fmt::format("member {} ({})", o.member_id(m), name);
}

std::string who(const Organization& o, UnitId u, MemberId m) {
  return m != kNoMember ? member_name(o, m) : unit_name(o, u);
}

std::string value_text(const CampaignModel& m, Requirement::Field f, std::int64_t v) {
  if (v == kNoValue) return "nothing";
  if (f == Requirement::Field::kForm && v >= 0 && static_cast<std::size_t>(v) < m.forms.size())
    return fmt::format("'{}'", m.forms[static_cast<std::size_t>(v)].id);
  return std::to_string(v);
}

}  // namespace

std::string describe(const Violation& v, const CampaignModel& m, const Organization& o) {
  const std::string at = format_location(m, v.rule);
  const std::string by = who(o, v.unit, v.member);
  switch (v.kind) {
    case ViolationKind::kOutOfOrder:
      return fmt::format("{} did {} on {} before {} was done ({})", by, step_name(m, v.step),
                         format_date(v.day), step_name(m, v.other_step), at);
    case ViolationKind::kMembersNotDone:
      return fmt::format("{} did {} on {} while {} of its members had not done {} ({})", by,
                         step_name(m, v.step), format_date(v.day), v.actual,
                         step_name(m, v.other_step), at);
    case ViolationKind::kLate:
      return fmt::format("{} did {} on {}, after it was due on {} ({})", by, step_name(m, v.step),
                         format_date(v.day), format_date(static_cast<DayNumber>(v.expected)), at);
    case ViolationKind::kMissed:
      return fmt::format("{} had not done {} when it was due on {} ({})", by, step_name(m, v.step),
                         format_date(static_cast<DayNumber>(v.expected)), at);
    case ViolationKind::kRequirementNotMet:
      return fmt::format("{} did {} on {} with {} {}, short of the requirement {} ({})", by,
                         step_name(m, v.step), format_date(v.day), evidence_field_name(v.field),
                         value_text(m, v.field, v.actual), value_text(m, v.field, v.expected), at);
    case ViolationKind::kTooFewRepetitions:
      return fmt::format("{} did {} {} times of the {} required by its deadline ({})", by,
                         step_name(m, v.step), v.actual, v.expected, at);
    case ViolationKind::kPhaseClosedStepsOpen:
      if (v.severity == Severity::kAdvisory && v.expected != 0)
        return fmt::format(
            "phase {} passed its reference end for {} on {} with {} required steps open; it "
            "stays open until {} ({})",
            phase_name(m, v.phase), by, format_date(v.day), v.actual,
            format_date(static_cast<DayNumber>(v.expected)), at);
      return fmt::format("phase {} closed for {} on {} with {} required steps open ({})",
                         phase_name(m, v.phase), by, format_date(v.day), v.actual, at);
    case ViolationKind::kPhaseClosedWithoutGate:
      if (v.severity == Severity::kAdvisory && v.expected != 0)
        return fmt::format(
            "phase {} passed its reference end for {} on {} without its gate approved; it stays "
            "open until {} ({})",
            phase_name(m, v.phase), by, format_date(v.day),
            format_date(static_cast<DayNumber>(v.expected)), at);
      return fmt::format("phase {} ended for {} on {} without its gate approved ({})",
                         phase_name(m, v.phase), by, format_date(v.day), at);
  }
  return "?";
}

std::string describe(const Refusal& r, const CampaignModel& m, const Organization& o) {
  const Event& e = r.event;
  switch (r.kind) {
    case RefusalKind::kNone:
      return "not refused";
    case RefusalKind::kUnknownId:
      switch (r.unknown) {
        case EventField::kStep:
          return fmt::format("the event names step {}, but the campaign has {} steps", e.step,
                             m.steps.size());
        case EventField::kPhase:
          return fmt::format("the event names phase {}, but the campaign has {} phases", e.phase,
                             m.phases.size());
        case EventField::kActor:
          if (e.actor_kind == ActorKind::kMember)
            return fmt::format("the event names member {}, but the roster has {} members", e.actor,
                               o.member_count());
          return fmt::format("the event names unit {}, but the roster has {} units", e.actor,
                             o.units.size());
        case EventField::kApprover:
          return fmt::format(
              "the event names approver {}, which is neither a supervision group "
              "nor a unit of the roster",
              e.approver);
        case EventField::kNone:
          break;
      }
      return "the event names a step, phase, member, unit or group that does not exist";
    case RefusalKind::kWrongActorKind: {
      const bool gate = e.kind == Event::Kind::kApprove;
      const bool wants_member =
          !gate && e.step < m.steps.size() && m.steps[e.step].actor == Actor::kMember;
      const std::string named = e.actor_kind == ActorKind::kMember
                                    ? fmt::format("a member (index {})", e.actor)
                                    : fmt::format("a unit (index {})", e.actor);
      if (gate)
        return fmt::format("a gate is approved for an organization, but the event names {}", named);
      return fmt::format("{} is performed by {}, but the event names {}", step_name(m, e.step),
                         wants_member ? "members" : "units", named);
    }
    case RefusalKind::kUnknownName:
    case RefusalKind::kAmbiguousName: {
      std::string out = describe(r.name, m, o);
      const bool actor = r.name.role == NameRole::kMember || r.name.role == NameRole::kUnit;
      if (actor && e.kind != Event::Kind::kApprove && e.step < m.steps.size()) {
        const bool by_member = m.steps[e.step].actor == Actor::kMember;
        out += fmt::format(" for step {} (performed by {})", step_name(m, e.step),
                           by_member ? "members" : "units");
      }
      return out;
    }
    case RefusalKind::kNotApplicable:
      return fmt::format(
          "the event does not apply: {} does not apply to the actor or is not in a "
          "state the event can change",
          e.kind == Event::Kind::kApprove ? phase_name(m, e.phase) : step_name(m, e.step));
    case RefusalKind::kDuplicate:
      return "already done: nothing changes";
    case RefusalKind::kClockBackwards:
      return fmt::format("the clock cannot move back to {}", format_date(e.day));
    case RefusalKind::kWrongApprover:
      return fmt::format("the gate of {} for {} is approved by {}, not {}", phase_name(m, e.phase),
                         unit_name(o, e.actor), r.expected_approver, e.approver);
    case RefusalKind::kPhaseNotOpen:
      return fmt::format("phase {} has not opened yet for {}", phase_name(m, e.phase),
                         unit_name(o, e.actor));
    case RefusalKind::kGateStepsOpen: {
      std::string out = fmt::format(
          "the gate of {} cannot be approved for {}: required steps are "
          "open:",
          phase_name(m, e.phase), unit_name(o, e.actor));
      for (const auto& [s, n] : r.open_steps)
        out += fmt::format(" {} ({} open)", step_name(m, s), n);
      if (e.phase < m.phases.size() && m.phases[e.phase].gate)
        out += fmt::format(" ({})", format_location(m, m.phases[e.phase].gate->where));
      return out;
    }
    case RefusalKind::kOutOfOrder:
    case RefusalKind::kMembersNotDone: {
      std::string out = fmt::format("{} cannot be done yet:", step_name(m, e.step));
      const char* sep = " ";
      for (const UnmetPrerequisite& u : r.unmet) {
        out += fmt::format("{}{} is not done", sep, step_name(m, u.step));
        std::string names;
        for (MemberId id : u.members) names += (names.empty() ? "" : ", ") + member_name(o, id);
        for (UnitId id : u.units)
          names += (names.empty() ? "" : ", ") + (id == kNoUnit ? "?" : unit_name(o, id));
        if (!names.empty()) {
          out += fmt::format(" by {}", names);
          const std::size_t listed = u.members.size() + u.units.size();
          if (u.count > listed) out += fmt::format(" and {} more", u.count - listed);
        }
        out += fmt::format(" ({})", format_location(m, u.rule));
        sep = "; ";
      }
      return out;
    }
  }
  return "?";
}

}  // namespace lockstep
