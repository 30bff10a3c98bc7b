// Evidence requirements; see requirements.h.
#include "engine/requirements.h"

namespace lockstep::engine {

namespace {

// Whether requirement `a` asks more than `b` (same field): the one that wins when a member is in
// several categories with overrides ("leading_cadre: chars >= 2500" over "in_service: 1500").
bool stricter(const Requirement& a, const Requirement& b) {
  if (a.comparison != b.comparison) return false;
  if (a.comparison == Requirement::Comparison::kAtLeast) return a.value > b.value;
  if (a.comparison == Requirement::Comparison::kAtMost) return a.value < b.value;
  return false;
}

std::int64_t evidence_value(const Evidence& e, Requirement::Field f) {
  switch (f) {
    case Requirement::Field::kHours:
      return e.hours;
    case Requirement::Field::kChars:
      return e.chars;
    case Requirement::Field::kCount:
      return e.count;
    case Requirement::Field::kForm:
      return e.form == kNoForm ? kNoValue : e.form;
  }
  return kNoValue;
}

bool meets(const Requirement& r, std::int64_t value) {
  if (value < 0) return false;  // not reported
  switch (r.comparison) {
    case Requirement::Comparison::kAtLeast:
      return value >= r.value;
    case Requirement::Comparison::kAtMost:
      return value <= r.value;
    case Requirement::Comparison::kEqual:
      return value == r.value;
  }
  return false;
}

}  // namespace

void check_requirements(const Context& c, const Event& e, MemberId m, UnitId u,
                        std::vector<Violation>& out) {
  const Step& step = c.model->steps[e.step];
  const std::uint64_t categories = m != kNoMember ? c.org->member_categories[m] : 0;
  const OrgTypeId org_type = c.type_of_unit(u);  // a member's: its branch's, as for `only`
  // A replacement (model.h, Requirement) that applies to this actor.
  auto replaces_for_actor = [&](const Requirement& r) {
    return (r.for_category && ((categories >> *r.for_category) & 1)) ||
           (r.for_org_type && *r.for_org_type == org_type);
  };
  auto check = [&](const Requirement& r) {
    const std::int64_t value = evidence_value(e.evidence, r.field);
    if (meets(r, value)) return;
    Violation v;
    v.kind = ViolationKind::kRequirementNotMet;
    v.severity = step.severity == Severity::kAdvisory ? Severity::kAdvisory : r.severity;
    v.unit = u;
    v.member = m;
    v.phase = step.phase;
    v.step = e.step;
    v.day = e.day;
    v.rule = r.where;
    v.field = r.field;
    v.expected = r.value;
    v.actual = value < 0 ? kNoValue : value;
    out.push_back(v);
  };
  for (int f = 0; f < 4; ++f) {
    const auto field = static_cast<Requirement::Field>(f);
    const Requirement* chosen = nullptr;
    for (const Requirement& r : step.requirements) {
      if (r.field != field || !replaces_for_actor(r)) continue;
      if (!chosen || stricter(r, *chosen)) chosen = &r;
    }
    if (chosen) {
      check(*chosen);
      continue;
    }
    for (const Requirement& r : step.requirements)
      if (r.field == field && !r.for_category && !r.for_org_type) check(r);
  }
}

}  // namespace lockstep::engine
