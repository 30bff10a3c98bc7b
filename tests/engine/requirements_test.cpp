// Evidence requirements and their replacements (model.h, Requirement): a category's or an org
// type's requirement replaces the general one on its field for the actors it names, and when
// several replacements apply to one actor the strictest does.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "lockstep/engine.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "tests/engine/fixture.h"

using namespace lockstep;

namespace {

// Seed 000's study: about 40 hours in organs and schools ("机关和学校等重点单位"), 20 elsewhere,
// 60 for leading cadres; a branch's study report needs two sessions in schools, one elsewhere.
const char* kRules = R"(campaign c "试点" {
  start 2005-07-01
  orgtype school "学校"
  orgtype village "村"
  category cadre "党员领导干部"
  phase study "学习动员" from start, 1m {
    step learn "集中学习" by member
         require hours >= 20 advisory, school: hours >= 40 advisory, cadre: hours >= 60 advisory
    step report "学习汇报" by branch require count >= 1, school: count >= 2
  }
}
)";

const char* kRoster = R"(unit,top,,top,school,县委,no
unit,sch,top,branch,school,一中党支部,no
unit,vil,top,branch,village,河西村党支部,no
member,m1,sch,,教师甲,
member,m2,sch,cadre,校长,
member,m3,vil,,村民甲,
)";

struct Setup {
  CampaignModel model;
  Organization org;
};

const Setup& setup() {
  static const Setup s = [] {
    RulesResult r = compile_rules_text("requirements.lock", kRules);
    REQUIRE(r.model.has_value());
    RosterResult o = read_roster_text("requirements.csv", kRoster, *r.model);
    REQUIRE(o.org.has_value());
    return Setup{std::move(*r.model), std::move(*o.org)};
  }();
  return s;
}

// The thresholds the completions of `step` broke, by actor, with `evidence` for each.
std::vector<std::pair<std::uint32_t, std::int64_t>> broken(StepId step,
                                                           const std::vector<std::uint32_t>& actors,
                                                           const Evidence& evidence) {
  EngineResult made =
      make_engine(test::view(setup().model), test::view(setup().org), {Mode::kAudit, std::nullopt});
  REQUIRE(made.engine);
  Engine& e = *made.engine;
  std::vector<std::pair<std::uint32_t, std::int64_t>> out;
  for (std::uint32_t a : actors) {
    const bool by_member = setup().model.steps[step].actor == Actor::kMember;
    const Outcome o = e.apply(
        Event::complete(step, ActorRef{by_member ? ActorKind::kMember : ActorKind::kUnit, a},
                        e.start() + 1, evidence));
    REQUIRE(o.accepted);
    for (std::uint32_t i = 0; i < o.violation_count; ++i) {
      const Violation& v = e.violations()[o.first_violation + i];
      if (v.kind == ViolationKind::kRequirementNotMet) out.emplace_back(a, v.expected);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("requirements: an org type's replacement holds the members of its branches") {
  const MemberId teacher = 0, principal = 1, villager = 2;
  Evidence hours30;
  hours30.hours = 30;
  // 30 hours: short of the school's 40 for the teacher, of the cadre's 60 for the principal (a
  // cadre in a school: the stricter of the two), enough for the village's general 20.
  using Broken = std::vector<std::pair<std::uint32_t, std::int64_t>>;
  CHECK(broken(0, {teacher, principal, villager}, hours30) ==
        Broken{{teacher, 40}, {principal, 60}});
  Evidence hours45;
  hours45.hours = 45;
  CHECK(broken(0, {teacher, principal, villager}, hours45) == Broken{{principal, 60}});
}

TEST_CASE("requirements: an org type's replacement holds a unit step of units of that type") {
  const UnitId school = 1, village = 2;
  Evidence once;
  once.count = 1;
  using Broken = std::vector<std::pair<std::uint32_t, std::int64_t>>;
  CHECK(broken(1, {school, village}, once) == Broken{{school, 2}});
  Evidence twice;
  twice.count = 2;
  CHECK(broken(1, {school, village}, twice).empty());
}
