// Queries: a member's and a unit's status with next steps, roll-ups per branch, subtree and group.
#include <doctest/doctest.h>

#include "lockstep/messages.h"
#include "tests/engine/fixture.h"

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {
const DayNumber kJul2 = day(2005, 7, 2);

std::vector<StepId> steps_of(const std::vector<StepStatus>& v) {
  std::vector<StepId> out;
  for (const StepStatus& s : v) out.push_back(s.step);
  return out;
}
}  // namespace

TEST_CASE("status: a member's steps, and next the ready ones with their deadlines") {
  Engine e = make_example_engine(Mode::kEnforce);
  MemberStatus s = *e.member_status(kPlain);
  CHECK(s.branch == kBranch1);
  CHECK(steps_of(s.steps) == std::vector<StepId>{kLearn, kAnalysis, kFeedback});
  CHECK(s.next.empty());  // nothing is ready before the branch's plan
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, kJul2)).accepted);
  s = *e.member_status(kPlain);
  REQUIRE(s.next.size() == 1);
  CHECK(s.next[0].step == kLearn);
  CHECK(s.next[0].state == StepState::kReady);
  CHECK(s.next[0].due == day(2005, 7, 31));
  // The retired member does not study, so the analysis is next for them at once.
  const MemberStatus retired = *e.member_status(kRetiredMember);
  CHECK(steps_of(retired.steps) == std::vector<StepId>{kAnalysis, kFeedback});
  CHECK(steps_of(retired.next) == std::vector<StepId>{kAnalysis});
  CHECK(retired.next[0].due == day(2005, 8, 30));
  // The mobile member is looked after by branch 1.
  CHECK(e.member_status(kMobile)->branch == kBranch1);
  CHECK_FALSE(e.member_status(8).has_value());
}

TEST_CASE("status: a unit's own steps, its next steps and its organization's phases") {
  Engine e = make_example_engine(Mode::kEnforce);
  const UnitStatus organ = *e.unit_status(kOrgan);
  CHECK(organ.organization == kOrgan);
  CHECK(steps_of(organ.steps) == std::vector<StepId>{kMobilize, kPlanFix});
  CHECK(steps_of(organ.next) == std::vector<StepId>{kMobilize, kPlanFix});
  CHECK(organ.next[0].due == day(2005, 7, 8));
  REQUIRE(organ.phases.size() == 3);
  CHECK(organ.phases[0].state == PhaseState::kOpen);
  CHECK(organ.phases[1].start == day(2005, 8, 1));
  const UnitStatus branch = *e.unit_status(kBranch2);
  CHECK(branch.organization == kOrgan);
  CHECK(steps_of(branch.steps) == std::vector<StepId>{kPlan, kDiscuss, kMeeting, kOpinion});
  CHECK(branch.next.empty());
  CHECK(e.unit_status(0)->organization == kNoUnit);
  CHECK_FALSE(e.unit_status(5).has_value());
}

TEST_CASE("status into a reused record: the same as a fresh one, nothing left from the last") {
  Engine e = make_example_engine(Mode::kEnforce);
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  // The organ has steps and phases; the top (unit 0) belongs to no organization, so its record
  // must come out without the organ's phases.
  UnitStatus unit;
  for (UnitId u : {UnitId{kOrgan}, UnitId{0}, UnitId{kBranch2}, UnitId{kOrgan}}) {
    REQUIRE(e.unit_status(u, unit));
    const UnitStatus fresh = *e.unit_status(u);
    CHECK(unit.unit == fresh.unit);
    CHECK(unit.organization == fresh.organization);
    CHECK(steps_of(unit.steps) == steps_of(fresh.steps));
    CHECK(steps_of(unit.next) == steps_of(fresh.next));
    CHECK(unit.phases.size() == fresh.phases.size());
  }
  MemberStatus member;
  for (MemberRef m : {kPlain, kRetiredMember, kMobile}) {
    REQUIRE(e.member_status(m, member));
    const MemberStatus fresh = *e.member_status(m);
    CHECK(member.branch == fresh.branch);
    CHECK(steps_of(member.steps) == steps_of(fresh.steps));
    CHECK(steps_of(member.next) == steps_of(fresh.next));
  }
  // Out of range: false, and the record as it was.
  CHECK_FALSE(e.unit_status(5, unit));
  CHECK(unit.unit == kOrgan);
  CHECK_FALSE(e.member_status(8, member));
  CHECK(member.member == kMobile);
}

TEST_CASE("rollup: per branch, per subtree and per supervision group, with on-time rates") {
  Engine e = make_example_engine(Mode::kEnforce);
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kLearn, kCadre, kJul2, good_evidence())).accepted);
  REQUIRE(e.apply(Event::complete(kLearn, kPlain, day(2005, 7, 30), good_evidence())).accepted);
  REQUIRE(e.apply(Event::advance(day(2005, 8, 1))).accepted);

  const Rollup b1 = *e.rollup_branch(kBranch1);
  CHECK(b1.members == 4);  // three at home, one mobile member looked after here
  const StepRollup& learn = b1.steps[kLearn];
  CHECK(learn.applicable == 3);
  CHECK(learn.by_state[static_cast<int>(StepState::kDone)] == 2);
  CHECK(learn.by_state[static_cast<int>(StepState::kOverdue)] == 1);
  CHECK(learn.on_time == 2);
  CHECK(learn.judged == 3);
  CHECK(learn.on_time_rate() == doctest::Approx(2.0 / 3));
  CHECK(b1.steps[kMobilize].applicable == 0);
  CHECK_FALSE(b1.steps[kMobilize].on_time_rate().has_value());

  const Rollup organ = *e.rollup_subtree(kOrgan);
  CHECK(organ.units == 3);
  CHECK(organ.members == 5);
  CHECK(organ.steps[kLearn].applicable == 4);
  CHECK(organ.steps[kMobilize].by_state[static_cast<int>(StepState::kDone)] == 1);
  // Overdue: learn of m4 and m3, plan and discuss of the branches — by unit, member, step.
  std::vector<std::tuple<UnitId, MemberId, StepId>> overdue;
  for (const OverdueItem& o : organ.overdue) overdue.emplace_back(o.unit, o.member, o.step);
  using T = std::tuple<UnitId, MemberId, StepId>;
  CHECK(overdue == std::vector<T>{{kBranch1, kMobile, kLearn},
                                  {kBranch1, kNoMember, kDiscuss},
                                  {kBranch2, kPlain2, kLearn},
                                  {kBranch2, kNoMember, kPlan},
                                  {kBranch2, kNoMember, kDiscuss}});

  const Rollup group = *e.rollup_group(0);
  CHECK(group.units == organ.units);
  CHECK(group.steps[kLearn].applicable == organ.steps[kLearn].applicable);
  CHECK(e.rollup_group(1)->members == 3);
  CHECK_FALSE(e.rollup_group(2).has_value());
  CHECK_FALSE(e.rollup_branch(kOrgan).has_value());
  CHECK(e.rollup_subtree(kTop)->members == 8);
}

TEST_CASE("rollup: the same state gives the same results, byte for byte") {
  Engine a = make_example_engine(Mode::kAudit);
  Engine b = make_example_engine(Mode::kAudit);
  for (Engine* e : {&a, &b}) {
    REQUIRE(e->apply(Event::complete(kLearn, kPlain, kJul2)).accepted);
    REQUIRE(e->apply(Event::advance(day(2005, 9, 1))).accepted);
  }
  CHECK(a.fingerprint() == b.fingerprint());
  const Rollup ra = *a.rollup_subtree(kTop), rb = *b.rollup_subtree(kTop);
  REQUIRE(ra.overdue.size() == rb.overdue.size());
  for (std::size_t i = 0; i < ra.overdue.size(); ++i) {
    CHECK(ra.overdue[i].unit == rb.overdue[i].unit);
    CHECK(ra.overdue[i].member == rb.overdue[i].member);
    CHECK(ra.overdue[i].due == rb.overdue[i].due);
  }
  for (std::size_t i = 0; i < a.violations().size(); ++i)
    CHECK(describe(a.violations()[i], shared_model(), shared_org()) ==
          describe(b.violations()[i], shared_model(), shared_org()));
}
