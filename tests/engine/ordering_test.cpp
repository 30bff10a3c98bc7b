// Enforce and audit on the ordering rules: same scope, parent scope, all members, all subunits.
#include <doctest/doctest.h>

#include <algorithm>

#include "lockstep/messages.h"
#include "tests/engine/fixture.h"

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {

const DayNumber kJul2 = day(2005, 7, 2);

std::vector<Violation> of_kind(const Engine& e, ViolationKind k) {
  std::vector<Violation> out;
  for (const Violation& v : e.violations())
    if (v.kind == k) out.push_back(v);
  return out;
}

void study_in_order(Engine& e) {
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch2, kJul2)).accepted);
}

}  // namespace

TEST_CASE(
    "enforce: a member's step before its branch's prerequisite is refused and changes nothing") {
  Engine e = make_example_engine(Mode::kEnforce);
  const std::uint64_t before = e.fingerprint();
  Refusal why;
  const Outcome o = e.apply(Event::complete(kLearn, kPlain, kJul2, good_evidence()), &why);
  CHECK_FALSE(o.accepted);
  CHECK(o.refusal == RefusalKind::kOutOfOrder);
  const Refusal& r = why;
  REQUIRE(r.unmet.size() == 1);
  CHECK(r.unmet[0].step == kPlan);
  CHECK(r.unmet[0].units == std::vector<UnitId>{kBranch1});
  CHECK(r.unmet[0].rule.line == 28);
  CHECK(e.fingerprint() == before);
  CHECK(e.violations().empty());
  const std::string text = describe(r, shared_model(), shared_org());
  CHECK(text.find("'plan' is not done by unit 机关一支部") != std::string::npos);
  CHECK(text.find("docs/language.md:28:30") != std::string::npos);
}

TEST_CASE("audit: the same event is accepted and recorded as out of order, citing the rule") {
  Engine e = make_example_engine(Mode::kAudit);
  const Outcome o = e.apply(Event::complete(kLearn, kPlain, kJul2, good_evidence()));
  CHECK(o.accepted);
  CHECK(o.violation_count == 1);
  const auto found = of_kind(e, ViolationKind::kOutOfOrder);
  REQUIRE(found.size() == 1);
  CHECK(found[0].member == kPlain);
  CHECK(found[0].unit == kBranch1);
  CHECK(found[0].step == kLearn);
  CHECK(found[0].other_step == kPlan);
  CHECK(found[0].severity == Severity::kRequired);
  CHECK(format_location(shared_model(), found[0].rule) == "docs/language.md:28:30");
  CHECK(e.member_status(kPlain)->steps[0].state == StepState::kDone);
}

TEST_CASE("enforce: steps in order are accepted, and a locked step reads as ready once unblocked") {
  Engine e = make_example_engine(Mode::kEnforce);
  auto learn_state = [&] { return e.member_status(kPlain)->steps[0].state; };
  CHECK(learn_state() == StepState::kLocked);
  study_in_order(e);
  CHECK(learn_state() == StepState::kReady);
  CHECK(e.apply(Event::complete(kLearn, kPlain, kJul2, good_evidence())).accepted);
  CHECK(learn_state() == StepState::kDone);
  CHECK(e.violations().empty());
}

TEST_CASE("parent scope: a grassroots organization that is a single branch is its own parent") {
  Engine e = make_example_engine(Mode::kEnforce);
  // The village branch performs 'mobilize' itself (it sits directly under the top committee).
  Refusal why;
  const Outcome early = e.apply(Event::complete(kPlan, kVillageBranch, kJul2), &why);
  CHECK(early.refusal == RefusalKind::kOutOfOrder);
  CHECK(why.unmet.at(0).units == std::vector<UnitId>{kVillageBranch});
  CHECK(e.apply(Event::complete(kMobilize, kVillageBranch, kJul2)).accepted);
  CHECK(e.apply(Event::complete(kPlan, kVillageBranch, kJul2)).accepted);
}

TEST_CASE("all members: a branch step waits for every member it is responsible for") {
  Engine e = make_example_engine(Mode::kEnforce);
  study_in_order(e);
  Refusal why;
  const Outcome o = e.apply(Event::complete(kMeeting, kBranch1, day(2005, 8, 5)), &why);
  CHECK(o.refusal == RefusalKind::kMembersNotDone);
  const Refusal& r = why;
  REQUIRE(r.unmet.size() == 1);
  CHECK(r.unmet[0].step == kAnalysis);
  // The mobile member m4 belongs to branch 2 but branch 1 is responsible for it.
  CHECK(r.unmet[0].members == std::vector<MemberId>{kCadre, kPlain, kRetiredMember, kMobile});
  CHECK(r.unmet[0].count == 4);
  CHECK(describe(r, shared_model(), shared_org()).find("member m4 (钱流动)") != std::string::npos);

  // The retired member is not asked to study, so 'analysis after learn' is open to them at once;
  // an excused member counts as done.
  for (MemberRef m : {kCadre, kPlain, kMobile}) {
    REQUIRE(e.apply(Event::complete(kLearn, MemberRef(m), kJul2, good_evidence())).accepted);
    REQUIRE(e.apply(Event::complete(kAnalysis, MemberRef(m), day(2005, 8, 2), good_evidence()))
                .accepted);
  }

  CHECK(e.apply(Event::complete(kMeeting, kBranch1, day(2005, 8, 5)), &why).refusal ==
        RefusalKind::kMembersNotDone);
  CHECK(why.unmet.at(0).members == std::vector<MemberId>{kRetiredMember});
  CHECK(e.apply(Event::excuse(kAnalysis, kRetiredMember, day(2005, 8, 3), "离岗退养")).accepted);
  CHECK(e.apply(Event::complete(kMeeting, kBranch1, day(2005, 8, 5))).accepted);
}

TEST_CASE("audit: a branch step done before its members is recorded with how many had not") {
  Engine e = make_example_engine(Mode::kAudit);
  study_in_order(e);
  REQUIRE(e.apply(Event::complete(kLearn, kCadre, kJul2, good_evidence())).accepted);
  REQUIRE(e.apply(Event::complete(kAnalysis, kCadre, day(2005, 8, 2), good_evidence())).accepted);
  CHECK(e.apply(Event::complete(kMeeting, kBranch1, day(2005, 8, 5))).accepted);
  const auto found = of_kind(e, ViolationKind::kMembersNotDone);
  REQUIRE(found.size() == 1);
  CHECK(found[0].unit == kBranch1);
  CHECK(found[0].other_step == kAnalysis);
  CHECK(found[0].actual == 3);
  CHECK(found[0].rule.line == 38);
}

TEST_CASE("enforce: an advisory step out of order is accepted with a warning") {
  CampaignModel m = example_model();
  m.steps[kDiscuss].severity = Severity::kAdvisory;
  const Organization& o = shared_org();
  EngineResult r = make_engine(test::view(m), test::view(o), {Mode::kEnforce, {}});
  REQUIRE(r.engine);
  const Outcome out = r.engine->apply(Event::complete(kDiscuss, kBranch1, kJul2));
  CHECK(out.accepted);
  REQUIRE(out.violation_count == 1);
  const Violation& v = r.engine->violations()[out.first_violation];
  CHECK(v.kind == ViolationKind::kOutOfOrder);
  CHECK(v.severity == Severity::kAdvisory);
}

TEST_CASE("all subunits: an organization's step waits for every unit below that performs it") {
  CampaignModel m = example_model();
  // 'mobilize' of the organization after 'plan' of all subunits, for this test only.
  m.steps[kMobilize].after = {{kPlan, Prerequisite::Scope::kAllSubunits, {0, 99, 1, 1}}};
  m.steps[kPlan].after.clear();
  EngineResult r = make_engine(test::view(m), test::view(shared_org()), {Mode::kEnforce, {}});
  REQUIRE(r.engine);
  Engine& e = *r.engine;
  Refusal why;
  CHECK(e.apply(Event::complete(kMobilize, kOrgan, kJul2), &why).refusal ==
        RefusalKind::kOutOfOrder);
  CHECK(why.unmet.at(0).units == std::vector<UnitId>{kBranch1, kBranch2});
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, kJul2)).accepted);
  CHECK(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).refusal == RefusalKind::kOutOfOrder);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch2, kJul2)).accepted);
  CHECK(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  // The village is a single branch: its only subunit is itself.
  CHECK(e.apply(Event::complete(kMobilize, kVillageBranch, kJul2)).refusal ==
        RefusalKind::kOutOfOrder);
  REQUIRE(e.apply(Event::complete(kPlan, kVillageBranch, kJul2)).accepted);
  CHECK(e.apply(Event::complete(kMobilize, kVillageBranch, kJul2)).accepted);
}

TEST_CASE("events that do not fit are refused in both modes and change nothing") {
  for (Mode mode : {Mode::kEnforce, Mode::kAudit}) {
    Engine e = make_example_engine(mode);
    study_in_order(e);
    const std::uint64_t before = e.fingerprint();
    CHECK(e.apply(Event::complete(kLearn, kRetiredMember, kJul2)).refusal ==
          RefusalKind::kNotApplicable);  // "except retired"
    CHECK(e.apply(Event::complete(999, kPlain, kJul2)).refusal == RefusalKind::kUnknownId);
    CHECK(e.apply(Event::complete(kLearn, MemberRef(12345), kJul2)).refusal ==
          RefusalKind::kUnknownId);
    CHECK(e.apply(Event::complete(kPlan, UnitRef(77), kJul2)).refusal == RefusalKind::kUnknownId);
    CHECK(e.apply(Event::complete(kPlan, kBranch1, kJul2)).refusal == RefusalKind::kDuplicate);
    CHECK(e.apply(Event::complete(kMobilize, kBranch1, kJul2)).refusal ==
          RefusalKind::kNotApplicable);  // a branch under a committee is no organization
    CHECK(e.apply(Event::revise(kLearn, kPlain, kJul2)).refusal == RefusalKind::kNotApplicable);
    CHECK(e.apply(Event::advance(day(2005, 6, 1))).refusal == RefusalKind::kClockBackwards);
    Event odd = Event::advance(day(2005, 7, 5));
    odd.kind = static_cast<Event::Kind>(42);
    CHECK(e.apply(odd).refusal == RefusalKind::kUnknownId);
    CHECK(e.fingerprint() == before);
  }
}
