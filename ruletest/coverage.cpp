// Counting coverage (coverage.h).
#include "ruletest/coverage.h"

#include <fmt/format.h>

#include <algorithm>

namespace lockstep::ruletest {
namespace {

bool is_deadline_kind(ViolationKind k) {
  return k == ViolationKind::kLate || k == ViolationKind::kMissed ||
         k == ViolationKind::kTooFewRepetitions;
}
bool is_order_kind(ViolationKind k) {
  return k == ViolationKind::kOutOfOrder || k == ViolationKind::kMembersNotDone;
}
std::optional<ViolationKind> kind_of(const std::string& name) {
  for (int k = 0; k < kViolationKindCount; ++k)
    if (name == violation_kind_name(static_cast<ViolationKind>(k)))
      return static_cast<ViolationKind>(k);
  return std::nullopt;
}

// One deadline of a step, with the locations a violation of it may cite.
struct DeadlineItem {
  StepId step = 0;
  std::string name;
  SourceSpan where;
  std::vector<std::string> cited;  // "file:line:col" of the rule a violation names
};

std::vector<DeadlineItem> deadline_list(const CampaignModel& m) {
  std::vector<DeadlineItem> out;
  for (std::size_t s = 0; s < m.steps.size(); ++s) {
    const Step& step = m.steps[s];
    const auto id = static_cast<StepId>(s);
    if (step.deadline)
      out.push_back({id,
                     "due of " + step.id,
                     step.deadline->where,
                     {format_location(m, step.deadline->where)}});
    if (step.within)
      out.push_back({id,
                     "within of " + step.id,
                     step.within->where,
                     {format_location(m, step.within->where)}});
    if (!step.deadline) {
      // The phase's window ends it (a `within` replaces that end only once it can be counted).
      DeadlineItem window{id, "phase end of " + step.id, step.where, {}};
      const Phase& phase = m.phases[step.phase];
      window.cited.push_back(format_location(m, phase.where));
      if (phase.window.where.line != 0)
        window.cited.push_back(format_location(m, phase.window.where));
      for (const auto& [type, w] : phase.window_by_org_type)
        if (w.where.line != 0) window.cited.push_back(format_location(m, w.where));
      out.push_back(std::move(window));
    }
  }
  return out;
}

// Prerequisites in step order: [step][i] flattened.
struct PrerequisiteItem {
  StepId step = 0;
  std::string name;
  SourceSpan where;
};
std::vector<PrerequisiteItem> prerequisite_list(const CampaignModel& m) {
  std::vector<PrerequisiteItem> out;
  for (std::size_t s = 0; s < m.steps.size(); ++s)
    for (const Prerequisite& p : m.steps[s].after)
      out.push_back({static_cast<StepId>(s),
                     fmt::format("{} after {}", m.steps[s].id, m.steps[p.step].id), p.where});
  return out;
}

std::optional<StepId> step_named(const CampaignModel& m, const std::string& id) {
  if (id.empty()) return std::nullopt;
  return m.find_step(id);
}

}  // namespace

void CoverageCounter::add(const std::string& rules, std::shared_ptr<const CampaignModel> model,
                          const TestEvidence& evidence) {
  const CampaignModel& m = *model;
  Items& items = by_rules_[rules];
  const std::vector<DeadlineItem> deadlines = deadline_list(m);
  const std::vector<PrerequisiteItem> prerequisites = prerequisite_list(m);
  if (!items.model) {
    items.model = model;
    items.steps.assign(m.steps.size(), false);
    items.deadlines.assign(deadlines.size(), false);
    items.prerequisites.assign(prerequisites.size(), false);
  }
  // Tests of one rules path may compile it at different times; the first model is the one
  // counted, and a differing one (the file changed under the run) is only counted where it fits.
  if (items.steps.size() != m.steps.size() || items.deadlines.size() != deadlines.size() ||
      items.prerequisites.size() != prerequisites.size())
    return;

  const auto cover_step_items = [&](StepId s, bool deadline_kind, bool order_kind,
                                    const std::string* cited) {
    bool any = false;
    if (deadline_kind)
      for (std::size_t i = 0; i < deadlines.size(); ++i)
        if (deadlines[i].step == s &&
            (!cited || std::count(deadlines[i].cited.begin(), deadlines[i].cited.end(), *cited)))
          items.deadlines[i] = any = true;
    if (order_kind)
      for (std::size_t i = 0; i < prerequisites.size(); ++i)
        if (prerequisites[i].step == s &&
            (!cited || format_location(m, prerequisites[i].where) == *cited))
          items.prerequisites[i] = any = true;
    return any;
  };

  for (std::size_t s = 0; s < evidence.stepped.size() && s < items.steps.size(); ++s)
    if (evidence.stepped[s]) items.steps[s] = true;

  for (const TestEvidence::Expected& e : evidence.expected) {
    const std::optional<StepId> named = step_named(m, e.filter.step);
    if (named) items.steps[*named] = true;
    for (const ReportViolation* v : e.matched) {
      if (v->step == kNoIndex || v->step >= m.steps.size()) continue;
      const auto s = static_cast<StepId>(v->step);
      items.steps[s] = true;
      const std::optional<ViolationKind> k = kind_of(v->kind);
      if (!k) continue;
      const bool d = is_deadline_kind(*k), o = is_order_kind(*k);
      // The rule the violation cites, or, when no item is at that place, every item of its kind.
      if (!cover_step_items(s, d, o, &v->rule)) cover_step_items(s, d, o, nullptr);
    }
    if (e.matched.empty() && named && e.filter.kind)
      cover_step_items(*named, is_deadline_kind(*e.filter.kind), is_order_kind(*e.filter.kind),
                       nullptr);
  }

  for (const ViolationFilter& f : evidence.absent) {
    const std::optional<PhaseId> phase = f.phase.empty() ? std::nullopt : m.find_phase(f.phase);
    for (std::size_t s = 0; s < evidence.stepped.size() && s < m.steps.size(); ++s) {
      if (!evidence.stepped[s]) continue;
      if (!f.step.empty() && m.steps[s].id != f.step) continue;
      if (phase && m.steps[s].phase != *phase) continue;
      cover_step_items(static_cast<StepId>(s), !f.kind || is_deadline_kind(*f.kind),
                       !f.kind || is_order_kind(*f.kind), nullptr);
    }
  }
}

std::vector<RulesCoverage> CoverageCounter::result() const {
  std::vector<RulesCoverage> out;
  for (const auto& [rules, items] : by_rules_) {
    const CampaignModel& m = *items.model;
    RulesCoverage c;
    c.rules = rules;
    const auto count = [](const std::vector<bool>& v) {
      return static_cast<std::uint32_t>(std::count(v.begin(), v.end(), true));
    };
    c.steps = static_cast<std::uint32_t>(items.steps.size());
    c.steps_exercised = count(items.steps);
    c.deadlines = static_cast<std::uint32_t>(items.deadlines.size());
    c.deadlines_exercised = count(items.deadlines);
    c.prerequisites = static_cast<std::uint32_t>(items.prerequisites.size());
    c.prerequisites_exercised = count(items.prerequisites);
    for (std::size_t s = 0; s < items.steps.size(); ++s)
      if (!items.steps[s])
        c.not_exercised.push_back({"step", m.steps[s].id, format_location(m, m.steps[s].where)});
    const std::vector<DeadlineItem> deadlines = deadline_list(m);
    for (std::size_t i = 0; i < deadlines.size(); ++i)
      if (!items.deadlines[i])
        c.not_exercised.push_back(
            {"deadline", deadlines[i].name, format_location(m, deadlines[i].where)});
    const std::vector<PrerequisiteItem> prerequisites = prerequisite_list(m);
    for (std::size_t i = 0; i < prerequisites.size(); ++i)
      if (!items.prerequisites[i])
        c.not_exercised.push_back(
            {"prerequisite", prerequisites[i].name, format_location(m, prerequisites[i].where)});
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace lockstep::ruletest
