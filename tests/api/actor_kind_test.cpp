// Typed references: a member and a unit cannot be confused. A bare number converts to neither
// (it does not compile); a reference of the wrong kind for the step is refused by the engine.
#include <doctest/doctest.h>

#include <type_traits>

#include "lockstep/engine.h"
#include "lockstep/messages.h"
#include "tests/api/township.h"

namespace lockstep {
namespace {

// What the compiler refuses: an Event made from a bare number.
template <typename Actor>
concept MakesCompletion = requires(Actor a) {
  Event::complete(StepId{}, a, DayNumber{});
};
static_assert(MakesCompletion<MemberRef>);
static_assert(MakesCompletion<UnitRef>);
static_assert(!MakesCompletion<std::uint32_t>);
static_assert(!MakesCompletion<int>);
static_assert(!std::is_convertible_v<std::uint32_t, MemberRef>);
static_assert(!std::is_convertible_v<UnitRef, MemberRef>);
template <typename Organization>
concept MakesApproval = requires(Organization o) {
  Event::approve(PhaseId{}, o, std::uint32_t{}, DayNumber{});
};
static_assert(MakesApproval<UnitRef>);
static_assert(!MakesApproval<MemberRef>);
static_assert(!MakesApproval<std::uint32_t>);

TEST_CASE("actor kind: a unit's reference for a member's step is refused, nothing changes") {
  Campaign c = test::open_township();
  const Engine& e = c.engine();
  const StepId learn = *c.model().find_step("learn");
  const UnitRef jg5 = *c.names().unit("jg5");
  REQUIRE(c.advance_to(e.start() + 1).accepted);  // the clock the event would move to
  const std::uint64_t before = e.fingerprint();
  const Verdict v = c.apply(Event::complete(learn, jg5, e.start() + 1));
  CHECK_FALSE(v.accepted);
  CHECK(v.refusal.kind == RefusalKind::kWrongActorKind);
  CHECK(c.describe(v.refusal) ==
        "'learn' is performed by members, but the event names a unit "
        "(index 5)");
  CHECK(e.fingerprint() == before);
  // Member 5 is untouched: the number of unit jg5 was not taken for it.
  const std::optional<MemberStatus> m5 = e.member_status(5);
  REQUIRE(m5);
  for (const StepStatus& s : m5->steps) CHECK(s.state != StepState::kDone);
}

TEST_CASE("actor kind: a member's reference for a unit's step or a gate is refused") {
  Campaign c = test::open_township();
  const DayNumber d = c.engine().start() + 1;
  const StepId mobilize = *c.model().find_step("mobilize");
  CHECK(c.apply(Event::complete(mobilize, MemberRef(1), d)).refusal.kind ==
        RefusalKind::kWrongActorKind);
  CHECK(c.apply(Event::excuse(mobilize, MemberRef(1), d, "外出")).refusal.kind ==
        RefusalKind::kWrongActorKind);
  // An approval built field by field with a member's kind: the factories cannot make one.
  Event approval = Event::approve(0, UnitRef(1), 0, d);
  approval.actor_kind = ActorKind::kMember;
  const Verdict v = c.apply(approval);
  CHECK(v.refusal.kind == RefusalKind::kWrongActorKind);
  CHECK(c.describe(v.refusal).find("a gate is approved for an organization") == 0);
}

TEST_CASE("actor kind: the batch path refuses the wrong kind as the single path does") {
  CampaignOptions audit;
  audit.mode = Mode::kAudit;  // out of order is recorded, not refused: only the kind refuses
  Campaign single = test::open_township(audit);
  Engine batch = single.engine();
  const StepId learn = *single.model().find_step("learn");
  const DayNumber d = batch.start() + 1;
  const std::vector<Event> events = {Event::complete(learn, MemberRef(3), d),
                                     Event::complete(learn, UnitRef(3), d),
                                     Event::complete(learn, MemberRef(4), d)};
  std::vector<Outcome> outcomes;
  std::vector<Refusal> why;
  batch.apply(events, &outcomes, &why);
  REQUIRE(outcomes.size() == 3);
  REQUIRE(why.size() == 1);
  CHECK(why[0].index == 1);
  CHECK(why[0].kind == RefusalKind::kWrongActorKind);
  for (std::size_t i = 0; i < events.size(); ++i)
    CHECK(single.apply(events[i]).accepted == outcomes[i].accepted);
}

}  // namespace
}  // namespace lockstep
