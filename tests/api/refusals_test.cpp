// Refusals: each call answers for its own event. An accepted event leaves no old refusal behind,
// every refused event of a batch keeps its own details, an unknown id says which.
#include <doctest/doctest.h>

#include "lockstep/messages.h"
#include "tests/api/township.h"

namespace lockstep {
namespace {

TEST_CASE("refusals: an accepted call after a refused one reports no refusal") {
  Engine e = test::open_township().engine();
  const StepId learn = *e.model().find_step("learn");
  const StepId mobilize = *e.model().find_step("mobilize");
  Refusal why;
  // learn before the branch's plan: refused in enforce mode.
  REQUIRE_FALSE(e.apply(Event::complete(learn, MemberRef(0), e.start() + 1), &why).accepted);
  CHECK(why.kind == RefusalKind::kOutOfOrder);
  REQUIRE(e.apply(Event::complete(mobilize, UnitRef(1), e.start() + 1), &why).accepted);
  CHECK(why.kind == RefusalKind::kNone);
  CHECK(why.unmet.empty());
  CHECK(why.event.step == mobilize);
}

TEST_CASE("refusals: each refused event of a batch keeps its own details and index") {
  Engine e = test::open_township().engine();
  const StepId learn = *e.model().find_step("learn");
  const StepId mobilize = *e.model().find_step("mobilize");
  const DayNumber d = e.start() + 1;
  const std::vector<Event> batch = {Event::complete(learn, MemberRef(0), d),       // out of order
                                    Event::complete(mobilize, UnitRef(1), d),      // accepted
                                    Event::complete(mobilize, UnitRef(1), d),      // duplicate
                                    Event::complete(learn, MemberRef(99999), d),   // no such member
                                    Event::complete(StepId{999}, UnitRef(1), d)};  // no such step
  std::vector<Refusal> why;
  std::vector<Outcome> outcomes;
  CHECK(e.apply(batch, &outcomes, &why) == 4);
  REQUIRE(why.size() == 4);
  CHECK(why[0].index == 0);
  CHECK(why[0].kind == RefusalKind::kOutOfOrder);
  CHECK_FALSE(why[0].unmet.empty());
  CHECK(why[1].index == 2);
  CHECK(why[1].kind == RefusalKind::kDuplicate);
  CHECK(why[2].index == 3);
  CHECK(why[2].kind == RefusalKind::kUnknownId);
  CHECK(why[2].unknown == EventField::kActor);
  CHECK(describe(why[2], e.model(), e.organization()) ==
        "the event names member 99999, but the roster has 796 members");
  CHECK(why[3].index == 4);
  CHECK(why[3].unknown == EventField::kStep);
  CHECK(describe(why[3], e.model(), e.organization()).find("the event names step 999") == 0);
}

TEST_CASE("refusals: a run numbers the refusals of a batch across its days") {
  RunResult started = Run::start(test::open_township().engine().shared_model(),
                                 test::open_township().engine().shared_organization());
  REQUIRE(started.run);
  Run& run = *started.run;
  const StepId mobilize = *run.model().find_step("mobilize");
  const DayNumber d = run.engine().start();
  const std::vector<Event> events = {Event::complete(mobilize, UnitRef(1), d),
                                     Event::complete(mobilize, UnitRef(2), d + 3),
                                     Event::complete(mobilize, UnitRef(2), d + 4)};
  std::vector<Refusal> why;
  CHECK(run.apply(events, &why) == 1);
  REQUIRE(why.size() == 1);
  CHECK(why[0].index == 2);
  CHECK(why[0].kind == RefusalKind::kDuplicate);
}

TEST_CASE("refusals: a verdict keeps copies of its violations, valid after later events") {
  CampaignOptions audit;
  audit.mode = Mode::kAudit;
  Campaign c = test::open_township(audit);
  // learn before plan: recorded out of order in audit mode.
  const Verdict early = c.apply(LogEvent::complete("learn", "qs0006", test::date("2005-07-02")));
  REQUIRE(early.accepted);
  REQUIRE(!early.violations.empty());  // before plan (and before mobilize of its parent)
  const Violation kept = early.violations[0];
  // Enough later events to grow the engine's list past any reserve.
  for (int i = 0; i < 200; ++i)
    c.apply(LogEvent::complete("learn", c.organization().member_id(static_cast<MemberId>(i)),
                               test::date("2005-07-03")));
  CHECK(early.violations[0].kind == ViolationKind::kOutOfOrder);
  CHECK(early.violations[0].member == kept.member);
  CHECK(c.describe(early.violations[0]).find("did 'learn' on 2005-07-02 before 'plan'") !=
        std::string::npos);
}

}  // namespace
}  // namespace lockstep
