// See plan.h. The model is checked here even though the rules compiler already guarantees it:
// models can also be built by hand or by other tools, and the engine indexes arrays with them.
#include "engine/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "lockstep/violation.h"

namespace lockstep::engine {
namespace {

constexpr std::size_t kMaxErrors = 20;

struct Checker {
  Diagnostics& out;
  std::size_t count = 0;
  void fail(const SourceSpan& where, std::string message) {
    if (++count > kMaxErrors) return;
    Diagnostic d;
    d.code = "E0902";
    d.span = where;
    d.message = std::move(message);
    d.help = "the campaign model breaks an invariant of lockstep/model.h";
    out.push_back(std::move(d));
  }
};

bool is_member(const CampaignModel& m, StepId s) {
  return m.steps[s].actor == Actor::kMember;
}

void check_model(const CampaignModel& m, Checker& c) {
  const std::size_t steps = m.steps.size();
  const std::size_t phases = m.phases.size();
  const std::size_t types = m.org_types.empty() ? 1 : m.org_types.size();
  if (m.categories.size() > kMaxCategories) c.fail(m.where, "more than 64 categories");
  if (m.org_types.size() > kMaxOrgTypes) c.fail(m.where, "more than 64 org types");
  if (steps >= kNoStep) c.fail(m.where, "too many steps");
  if (phases >= 0xffff) c.fail(m.where, "too many phases");
  if (c.count) return;
  std::size_t member_steps = 0;
  for (std::size_t p = 0; p < phases; ++p) {
    const Phase& ph = m.phases[p];
    if (std::size_t{ph.first_step} + ph.step_count > steps)
      c.fail(ph.where, fmt::format("phase '{}' lists steps beyond the last one", ph.id));
    auto check_window = [&](const PhaseWindow& w) {
      if ((w.start == PhaseWindow::Start::kAfterPhase ||
           w.start == PhaseWindow::Start::kWithPhase) &&
          w.other >= phases)
        c.fail(w.where, fmt::format("phase '{}' starts from phase {}, which does not exist", ph.id,
                                    w.other));
    };
    check_window(ph.window);
    for (const auto& [type, w] : ph.window_by_org_type) {
      if (type >= types)
        c.fail(w.where, fmt::format("phase '{}' has a window for org type {}, which does not exist",
                                    ph.id, type));
      check_window(w);
    }
  }
  auto check_ref = [&](const Step& s, const Prerequisite& p) {
    if (p.step >= steps)
      c.fail(p.where, fmt::format("step '{}' names step {}, which does not exist", s.id, p.step));
  };
  for (std::size_t i = 0; i < steps; ++i) {
    const Step& s = m.steps[i];
    if (s.phase >= phases || i < m.phases[s.phase].first_step ||
        i >= std::size_t{m.phases[s.phase].first_step} + m.phases[s.phase].step_count) {
      c.fail(s.where, fmt::format("step '{}' is not within its phase's range of steps", s.id));
      continue;
    }
    if (s.actor == Actor::kMember) ++member_steps;
    for (const Prerequisite& p : s.after) check_ref(s, p);
    if (s.within) check_ref(s, s.within->after);
    if (s.deadline &&
        (s.deadline->due.base == TimeExpr::Base::kPhaseStart ||
         s.deadline->due.base == TimeExpr::Base::kPhaseEnd) &&
        s.deadline->due.phase >= phases)
      c.fail(s.deadline->where, fmt::format("step '{}' is due relative to a phase that does not "
                                            "exist",
                                            s.id));
    for (const Requirement& r : s.requirements) {
      if (r.for_category && *r.for_category >= m.categories.size())
        c.fail(r.where,
               fmt::format("a requirement of '{}' names a category that does not exist", s.id));
      if (r.for_org_type && *r.for_org_type >= m.org_types.size())
        c.fail(r.where,
               fmt::format("a requirement of '{}' names an org type that does not exist", s.id));
      if (r.for_category && r.for_org_type)
        c.fail(r.where,
               fmt::format("a requirement of '{}' names both a category and an org type", s.id));
    }
  }
  if (member_steps > kMaxStepsPerActor)
    c.fail(m.where, fmt::format("{} steps are performed by members; at most {} are supported",
                                member_steps, kMaxStepsPerActor));
}

PrerequisiteCheck normalize(const CampaignModel& m, const std::vector<StepPlan>& plans, StepId own,
                            const Prerequisite& p) {
  PrerequisiteCheck r;
  r.step = p.step;
  r.slot = plans[p.step].slot;
  r.scope = p.scope;
  r.where = p.where;
  const bool own_member = is_member(m, own);
  const bool target_member = is_member(m, p.step);
  if (own_member) {
    r.kind = target_member ? PrerequisiteKind::kOwnStep : PrerequisiteKind::kNearestUnitAbove;
  } else if (target_member) {
    r.kind = PrerequisiteKind::kAllMembersBelow;
  } else if (p.scope == Prerequisite::Scope::kSame) {
    r.kind = PrerequisiteKind::kNearestUnitAbove;
  } else if (p.scope == Prerequisite::Scope::kParent) {
    r.kind = PrerequisiteKind::kNearestAboveParentFirst;
  } else {
    r.kind = PrerequisiteKind::kAllUnitsBelow;
  }
  return r;
}

bool category_mask_passes(std::uint64_t only, std::uint64_t except, std::uint64_t have) {
  if (only != 0 && (only & have) == 0) return false;
  return (except & have) == 0;
}

bool org_type_passes(const Applicability& a, OrgTypeId t) {
  const std::uint64_t bit = t < 64 ? std::uint64_t{1} << t : 0;
  if (a.only_org_types != 0 && (a.only_org_types & bit) == 0) return false;
  return (a.except_org_types & bit) == 0;
}

}  // namespace

bool applies_to_member(const Step& step, std::uint64_t categories, OrgTypeId org_type) {
  return category_mask_passes(step.applies.only_categories, step.applies.except_categories,
                              categories) &&
         org_type_passes(step.applies, org_type);
}

bool performs(const Step& step, const Organization& org, UnitId unit) {
  const Unit& u = org.units[unit];
  bool role = false;
  switch (step.actor) {
    case Actor::kMember:
      return false;
    case Actor::kBranch:
      role = u.level == UnitLevel::kBranch;
      break;
    case Actor::kGeneralBranch:
      role = u.level == UnitLevel::kGeneralBranch;
      break;
    case Actor::kCommittee:
      role = u.level == UnitLevel::kCommittee;
      break;
    case Actor::kOrganization:
      role = unit != 0 && u.parent == 0;
      break;
    case Actor::kLeadership:
      role = u.has_leadership;
      break;
  }
  return role && org_type_passes(step.applies, u.org_type);
}

EvidenceBounds evidence_bounds(const std::vector<Requirement>& requirements) {
  EvidenceBounds b;
  for (int f = 0; f < 4; ++f) {
    b.low[f] = 0;  // evidence not reported (negative) meets nothing
    b.high[f] = INT64_MAX;
  }
  for (const Requirement& r : requirements) {
    const auto f = static_cast<int>(r.field);
    b.fields |= static_cast<std::uint8_t>(1u << f);
    if (r.comparison != Requirement::Comparison::kAtMost) b.low[f] = std::max(b.low[f], r.value);
    if (r.comparison != Requirement::Comparison::kAtLeast) b.high[f] = std::min(b.high[f], r.value);
  }
  return b;
}

std::optional<Plan> build_plan(const CampaignModel& model, Diagnostics& diagnostics) {
  Checker checker{diagnostics};
  check_model(model, checker);
  if (checker.count) return std::nullopt;

  Plan plan;
  plan.steps.resize(model.steps.size());
  for (StepId s = 0; s < model.steps.size(); ++s) {
    const Step& step = model.steps[s];
    StepPlan& sp = plan.steps[s];
    sp.by_member = step.actor == Actor::kMember;
    auto& list = sp.by_member ? plan.member_steps : plan.unit_steps;
    sp.slot = static_cast<std::uint16_t>(list.size());
    list.push_back(s);
    sp.phase = step.phase;
    sp.required = step.severity == Severity::kRequired;
    sp.severity = step.severity;
    sp.min_repetitions = static_cast<std::uint16_t>(
        std::min<std::uint32_t>(std::max<std::uint32_t>(step.min_repetitions, 1), 0xfffe));
    if (sp.by_member && sp.min_repetitions > 1) sp.rep_slot = plan.rep_slots++;
    sp.has_requirements = !step.requirements.empty();
    sp.explicit_due = step.deadline.has_value();
    sp.evidence = evidence_bounds(step.requirements);
  }
  for (StepId s = 0; s < model.steps.size(); ++s) {
    const Step& step = model.steps[s];
    StepPlan& sp = plan.steps[s];
    for (const Prerequisite& p : step.after) {
      PrerequisiteCheck r = normalize(model, plan.steps, s, p);
      if (r.kind == PrerequisiteKind::kOwnStep) {
        sp.self_mask |= std::uint64_t{1} << r.slot;
        sp.own_prerequisites.push_back(r);
      } else {
        sp.other_prerequisites.push_back(r);
      }
    }
    if (step.within) {
      WithinPlan w;
      w.base = normalize(model, plan.steps, s, step.within->after);
      w.limit = step.within->limit;
      w.severity = step.within->severity;
      w.where = step.within->where;
      StepPlan& base = plan.steps[w.base.step];
      // Counting from members' steps needs their completion day per member.
      if ((w.base.kind == PrerequisiteKind::kOwnStep ||
           w.base.kind == PrerequisiteKind::kAllMembersBelow) &&
          base.day_slot == kNoSlot)
        base.day_slot = plan.day_slots++;
      base.within_dependents.push_back(s);
      sp.within = w;
    }
  }
  return plan;
}

}  // namespace lockstep::engine
