// Every transition of both lifecycles, driven through the public API: the events an application
// sends, and the state a query reads back.
#include <doctest/doctest.h>

#include <functional>

#include "lockstep/messages.h"
#include "tests/engine/fixture.h"

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {

const DayNumber kJul2 = day(2005, 7, 2), kAug2 = day(2005, 8, 2);

StepState learn_of(const Engine& e) {
  const MemberStatus s = *e.member_status(kPlain);
  return s.steps.at(0).state;  // 'learn' is the member's first step
}
StepState discuss_of(const Engine& e) {
  const UnitStatus s = *e.unit_status(kBranch1);
  return s.steps.at(1).state;  // plan, discuss, meeting, opinion
}

void ok(Engine& e, const Event& ev) {
  Refusal why;
  const Outcome o = e.apply(ev, &why);
  INFO(describe(why, shared_model(), shared_org()));
  REQUIRE(o.accepted);
}
void plan(Engine& e) {
  ok(e, Event::complete(kMobilize, kOrgan, kJul2));
  ok(e, Event::complete(kPlan, kBranch1, kJul2));
}
Event learn(DayNumber d) {
  return Event::complete(kLearn, kPlain, d, good_evidence());
}
Event discuss(DayNumber d) {
  return Event::complete(kDiscuss, kBranch1, d);
}

struct Case {
  const char* name;
  StepState from;
  std::function<void(Engine&)> reach;  // brings the instance to `from`
  std::function<void(Engine&)> event;  // the event under test
  StepState to;
  bool unit = false;  // the instance is branch 1's 'discuss' (repeat >= 2), else m1's 'learn'
};

}  // namespace

TEST_CASE("transitions: each of the 21 step transitions, through events and queries") {
  using S = StepState;
  auto nothing = [](Engine&) {};
  auto done = [](Engine& e) { plan(e), ok(e, learn(kJul2)); };
  auto late = [](Engine& e) { plan(e), ok(e, learn(kAug2)); };
  auto overdue = [](Engine& e) { plan(e), ok(e, Event::advance(day(2005, 8, 1))); };
  auto excused = [](Engine& e) { ok(e, Event::excuse(kLearn, kPlain, kJul2, "外出")); };
  auto reopened = [](Engine& e) {
    plan(e), ok(e, learn(kJul2)), ok(e, Event::revise(kLearn, kPlain, kJul2));
  };
  const std::vector<Case> cases = {
      {"locked + unlock", S::kLocked, nothing, plan, S::kReady},
      {"locked + complete on time (audit)", S::kLocked, nothing,
       [](Engine& e) { ok(e, learn(kJul2)); }, S::kDone},
      {"locked + complete late (audit)", S::kLocked, nothing,
       [](Engine& e) { ok(e, learn(kAug2)); }, S::kDoneLate},
      {"locked + repetition (audit)", S::kLocked, nothing, [](Engine& e) { ok(e, discuss(kJul2)); },
       S::kLocked, true},
      {"locked + deadline passed", S::kLocked, nothing,
       [](Engine& e) { ok(e, Event::advance(day(2005, 8, 1))); }, S::kOverdue},
      {"locked + excuse", S::kLocked, nothing, excused, S::kExcused},
      {"ready + complete on time", S::kReady, plan, [](Engine& e) { ok(e, learn(kJul2)); },
       S::kDone},
      {"ready + complete late", S::kReady, plan, [](Engine& e) { ok(e, learn(kAug2)); },
       S::kDoneLate},
      {"ready + repetition", S::kReady, plan, [](Engine& e) { ok(e, discuss(kJul2)); }, S::kReady,
       true},
      {"ready + deadline passed", S::kReady, plan,
       [](Engine& e) { ok(e, Event::advance(day(2005, 8, 1))); }, S::kOverdue},
      {"ready + excuse", S::kReady, plan, excused, S::kExcused},
      {"overdue + complete late", S::kOverdue, overdue, [](Engine& e) { ok(e, learn(kAug2)); },
       S::kDoneLate},
      {"overdue + repetition", S::kOverdue, overdue, [](Engine& e) { ok(e, discuss(kAug2)); },
       S::kOverdue, true},
      {"overdue + excuse", S::kOverdue, overdue, excused, S::kExcused},
      {"done + revise", S::kDone, done,
       [](Engine& e) { ok(e, Event::revise(kLearn, kPlain, kAug2)); }, S::kReopened},
      {"done late + revise", S::kDoneLate, late,
       [](Engine& e) { ok(e, Event::revise(kLearn, kPlain, kAug2)); }, S::kReopened},
      {"excused + complete on time", S::kExcused, [&](Engine& e) { plan(e), excused(e); },
       [](Engine& e) { ok(e, learn(kJul2)); }, S::kDone},
      {"excused + complete late", S::kExcused, [&](Engine& e) { plan(e), excused(e); },
       [](Engine& e) { ok(e, learn(kAug2)); }, S::kDoneLate},
      {"excused + repetition", S::kExcused,
       [](Engine& e) { plan(e), ok(e, Event::excuse(kDiscuss, kBranch1, kJul2, "合并召开")); },
       [](Engine& e) { ok(e, discuss(kJul2)); }, S::kExcused, true},
      {"reopened + complete (no deadline of its own)", S::kReopened, reopened,
       [](Engine& e) { ok(e, learn(day(2005, 9, 30))); }, S::kDone},
      {"reopened + excuse", S::kReopened, reopened, excused, S::kExcused},
  };
  CHECK(cases.size() == 21);
  for (const Case& c : cases) {
    INFO(c.name);
    Engine e = make_example_engine(Mode::kAudit);
    auto state = [&] { return c.unit ? discuss_of(e) : learn_of(e); };
    c.reach(e);
    REQUIRE(state() == c.from);
    c.event(e);
    CHECK(state() == c.to);
  }
}

TEST_CASE("transitions: each of the 7 phase transitions, through events and queries") {
  auto finish = [](Engine& e) {
    plan(e);
    ok(e, Event::complete(kPlan, kBranch2, kJul2));
    for (UnitId b : {kBranch1, kBranch2}) {
      ok(e, Event::complete(kDiscuss, UnitRef(b), kJul2));
      ok(e, Event::complete(kDiscuss, UnitRef(b), kJul2));
    }
    for (MemberRef m : {kCadre, kPlain, kPlain2, kMobile})
      ok(e, Event::complete(kLearn, MemberRef(m), kJul2, good_evidence()));
  };
  auto study = [](const Engine& e) { return *e.phase_state(kOrgan, kStudy); };
  using P = PhaseState;
  {  // pending + window opens; open + window ends
    Engine e = make_example_engine(Mode::kAudit);
    CHECK(e.phase_state(kOrgan, kAppraisal) == P::kPending);
    ok(e, Event::advance(day(2005, 8, 1)));
    CHECK(e.phase_state(kOrgan, kAppraisal) == P::kOpen);
    CHECK(study(e) == P::kClosed);
  }
  {  // open + steps done; awaiting gate + approve
    Engine e = make_example_engine(Mode::kAudit);
    CHECK(study(e) == P::kOpen);
    finish(e);
    CHECK(study(e) == P::kAwaitingGate);
    ok(e, Event::approve(kStudy, kOrgan, 0, kJul2));
    CHECK(study(e) == P::kClosed);
  }
  {  // open + approve (audit)
    Engine e = make_example_engine(Mode::kAudit);
    ok(e, Event::approve(kStudy, kOrgan, 0, kJul2));
    CHECK(study(e) == P::kClosed);
  }
  {  // awaiting gate + step reopened; awaiting gate + window ends
    Engine e = make_example_engine(Mode::kAudit);
    finish(e);
    ok(e, Event::revise(kLearn, kCadre, kJul2));
    CHECK(study(e) == P::kOpen);
    ok(e, Event::complete(kLearn, kCadre, kJul2, good_evidence()));
    CHECK(study(e) == P::kAwaitingGate);
    ok(e, Event::advance(day(2005, 8, 1)));
    CHECK(study(e) == P::kClosed);
    const Violation& last = e.violations().back();
    CHECK(last.kind == ViolationKind::kPhaseClosedWithoutGate);
    CHECK(last.unit == kOrgan);
  }
}
