// The phase lifecycle of an organization: windows, gates, closing with steps open.
#include <doctest/doctest.h>

#include "lockstep/messages.h"
#include "tests/engine/fixture.h"

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {

const DayNumber kJul2 = day(2005, 7, 2);

std::size_t count(const Engine& e, ViolationKind k) {
  std::size_t n = 0;
  for (const Violation& v : e.violations()) n += v.kind == k;
  return n;
}

// Every required study step of the organ committee, in order.
void finish_organ_study(Engine& e) {
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  for (UnitId b : {kBranch1, kBranch2}) {
    REQUIRE(e.apply(Event::complete(kPlan, UnitRef(b), kJul2)).accepted);
    REQUIRE(e.apply(Event::complete(kDiscuss, UnitRef(b), day(2005, 7, 10))).accepted);
    REQUIRE(e.apply(Event::complete(kDiscuss, UnitRef(b), day(2005, 7, 20))).accepted);
  }
  for (MemberRef m : {kCadre, kPlain, kPlain2, kMobile})
    REQUIRE(
        e.apply(Event::complete(kLearn, MemberRef(m), day(2005, 7, 25), good_evidence())).accepted);
}

}  // namespace

TEST_CASE("phase: pending until its window opens for the organization's org type") {
  Engine e = make_example_engine(Mode::kEnforce);
  CHECK(e.phase_state(kOrgan, kStudy) == PhaseState::kOpen);
  CHECK(e.phase_state(kVillageBranch, kStudy) == PhaseState::kPending);
  CHECK(e.phase_state(kOrgan, kAppraisal) == PhaseState::kPending);
  CHECK_FALSE(e.phase_state(kBranch1, kStudy).has_value());  // not an organization
  CHECK(e.apply(Event::approve(kStudy, kVillageBranch, 1, kJul2)).refusal ==
        RefusalKind::kPhaseNotOpen);
  REQUIRE(e.apply(Event::advance(day(2005, 7, 8))).accepted);
  CHECK(e.phase_state(kVillageBranch, kStudy) == PhaseState::kOpen);
}

TEST_CASE("phase: awaiting its gate once every required step is done, closed when approved") {
  Engine e = make_example_engine(Mode::kEnforce);
  finish_organ_study(e);
  CHECK(e.phase_state(kOrgan, kStudy) == PhaseState::kAwaitingGate);
  Refusal why;
  const Outcome wrong = e.apply(Event::approve(kStudy, kOrgan, 1, day(2005, 7, 28)), &why);
  CHECK(wrong.refusal == RefusalKind::kWrongApprover);
  CHECK(why.expected_approver == 0);
  CHECK(e.apply(Event::approve(kStudy, kOrgan, 0, day(2005, 7, 28))).accepted);
  CHECK(e.phase_state(kOrgan, kStudy) == PhaseState::kClosed);
  CHECK(e.apply(Event::approve(kStudy, kOrgan, 0, day(2005, 7, 29))).refusal ==
        RefusalKind::kDuplicate);
  CHECK(e.apply(Event::approve(kAppraisal, kOrgan, 0, day(2005, 7, 29))).refusal ==
        RefusalKind::kNotApplicable);  // appraisal has no gate
  REQUIRE(e.apply(Event::advance(day(2005, 8, 19))).accepted);
  CHECK(count(e, ViolationKind::kPhaseClosedWithoutGate) == 1);  // the village's, not the organ's
  CHECK(e.violations().back().unit == kVillageBranch);
}

TEST_CASE("phase: a revision moves a phase awaiting its gate back to open") {
  Engine e = make_example_engine(Mode::kEnforce);
  finish_organ_study(e);
  REQUIRE(e.apply(Event::revise(kLearn, kPlain, day(2005, 7, 26))).accepted);
  CHECK(e.phase_state(kOrgan, kStudy) == PhaseState::kOpen);
  REQUIRE(e.apply(Event::complete(kLearn, kPlain, day(2005, 7, 27), good_evidence())).accepted);
  CHECK(e.phase_state(kOrgan, kStudy) == PhaseState::kAwaitingGate);
}

TEST_CASE("phase: enforce refuses a gate while required steps are open, naming them") {
  Engine e = make_example_engine(Mode::kEnforce);
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, kJul2)).accepted);
  Refusal why;
  const Outcome o = e.apply(Event::approve(kStudy, kOrgan, 0, day(2005, 7, 28)), &why);
  CHECK(o.refusal == RefusalKind::kGateStepsOpen);
  using Open = std::pair<StepId, std::uint32_t>;
  CHECK(why.open_steps == std::vector<Open>{{kPlan, 1}, {kLearn, 4}, {kDiscuss, 2}});
  CHECK(e.phase_state(kOrgan, kStudy) == PhaseState::kOpen);
  const std::string text = describe(why, shared_model(), shared_org());
  CHECK(text.find("'learn' (4 open)") != std::string::npos);
  CHECK(text.find("docs/language.md:24:5") != std::string::npos);
}

TEST_CASE("phase: audit closes it anyway and records the open steps") {
  Engine e = make_example_engine(Mode::kAudit);
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  const Outcome o = e.apply(Event::approve(kStudy, kOrgan, 0, day(2005, 7, 28)));
  CHECK(o.accepted);
  REQUIRE(o.violation_count == 1);
  const Violation& v = e.violations()[o.first_violation];
  CHECK(v.kind == ViolationKind::kPhaseClosedStepsOpen);
  CHECK(v.actual == 8);  // plan x2, learn x4, discuss x2
  CHECK(v.rule.line == 24);
  CHECK(e.phase_state(kOrgan, kStudy) == PhaseState::kClosed);
}

TEST_CASE("phase: the window ends with steps open and without the gate") {
  Engine e = make_example_engine(Mode::kEnforce);
  REQUIRE(e.apply(Event::advance(day(2005, 8, 1))).accepted);
  CHECK(e.phase_state(kOrgan, kStudy) == PhaseState::kClosed);
  CHECK(e.phase_state(kOrgan, kAppraisal) == PhaseState::kOpen);
  CHECK(count(e, ViolationKind::kPhaseClosedStepsOpen) == 1);
  CHECK(count(e, ViolationKind::kPhaseClosedWithoutGate) == 1);
  // Missed steps are recorded before the phase closes on the same day.
  const auto vs = e.violations();
  CHECK(vs[vs.size() - 2].kind == ViolationKind::kPhaseClosedStepsOpen);
  CHECK(vs[vs.size() - 3].kind == ViolationKind::kMissed);
}

TEST_CASE("phase: a phase without a gate closes as soon as its required steps are done") {
  CampaignModel m = example_model();
  m.phases[kStudy].gate.reset();
  EngineResult r = make_engine(test::view(m), test::view(shared_org()), {Mode::kEnforce, {}});
  REQUIRE(r.engine);
  finish_organ_study(*r.engine);
  CHECK(r.engine->phase_state(kOrgan, kStudy) == PhaseState::kClosed);
}
