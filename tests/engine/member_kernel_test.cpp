// The member-completion kernel (engine/member_kernel.h) at the edges of what it settles itself:
// the last day of a `within`, the day after, evidence short of the bounds, an unmet unit-up
// prerequisite. Each must come out as the general path judges it.
#include <doctest/doctest.h>

#include <limits>

#include "tests/engine/fixture.h"

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {

std::size_t count(const Engine& e, ViolationKind k, StepId s) {
  std::size_t n = 0;
  for (const Violation& v : e.violations()) n += v.kind == k && v.step == s;
  return n;
}

// Branch 1 gives its opinion on 10 August: its members' feedback is due on the 17th.
Engine engine_with_opinion() {
  Engine e = make_example_engine(Mode::kAudit);
  const DayNumber jul2 = day(2005, 7, 2);
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, jul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, jul2)).accepted);
  REQUIRE(e.apply(Event::complete(kMeeting, kBranch1, day(2005, 8, 8))).accepted);
  REQUIRE(e.apply(Event::complete(kOpinion, kBranch1, day(2005, 8, 10))).accepted);
  e.set_mode(Mode::kEnforce);
  return e;
}

}  // namespace

TEST_CASE("member kernel: done on the last day of its `within` is on time, the next day late") {
  Engine e = engine_with_opinion();
  REQUIRE(e.due(kFeedback, kCadre) == day(2005, 8, 17));
  REQUIRE(e.apply(Event::complete(kFeedback, kCadre, day(2005, 8, 17), good_evidence())).accepted);
  CHECK(state_of(e, kCadre, kFeedback) == StepState::kDone);
  CHECK(count(e, ViolationKind::kLate, kFeedback) == 0);
  REQUIRE(e.apply(Event::complete(kFeedback, kPlain, day(2005, 8, 18), good_evidence())).accepted);
  CHECK(state_of(e, kPlain, kFeedback) == StepState::kDoneLate);
  CHECK(count(e, ViolationKind::kLate, kFeedback) == 1);
}

TEST_CASE("member kernel: evidence short of the step's bounds is recorded, once") {
  Engine e = engine_with_opinion();
  Evidence none;  // feedback requires a written form
  REQUIRE(e.apply(Event::complete(kFeedback, kCadre, day(2005, 8, 12), none)).accepted);
  CHECK(state_of(e, kCadre, kFeedback) == StepState::kDone);
  CHECK(count(e, ViolationKind::kRequirementNotMet, kFeedback) == 1);
  CHECK(e.apply(Event::complete(kFeedback, kCadre, day(2005, 8, 12), none)).refusal ==
        RefusalKind::kDuplicate);
}

TEST_CASE("member kernel: a member whose branch has no opinion yet is refused in order") {
  Engine e = engine_with_opinion();
  const Outcome o = e.apply(Event::complete(kFeedback, kPlain2, day(2005, 8, 12), good_evidence()));
  CHECK(o.refusal == RefusalKind::kOutOfOrder);
  CHECK(state_of(e, kPlain2, kFeedback) != StepState::kDone);
  // The looked-after member follows the branch responsible for it, which has given its opinion.
  CHECK(e.apply(Event::complete(kFeedback, kMobile, day(2005, 8, 12), good_evidence())).accepted);
}

// A stream keeps each step's deadline and unit prerequisites for the branch it is on
// (complete_member.h): an event between two members of one branch that reopens the branch's
// opinion must be seen by the second member's feedback, as when the events come one at a time.
TEST_CASE("member kernel: a stream sees its branch's opinion reopened between two members") {
  const DayNumber aug12 = day(2005, 8, 12);
  const std::vector<Event> stream = {
      Event::complete(kFeedback, kCadre, aug12, good_evidence()),
      Event::revise(kOpinion, kBranch1, aug12),
      Event::complete(kFeedback, kPlain, aug12, good_evidence()),
      Event::complete(kOpinion, kBranch1, day(2005, 8, 20)),
      Event::complete(kFeedback, kPlain, day(2005, 8, 26), good_evidence()),
  };
  Engine batch = engine_with_opinion();
  std::vector<Outcome> out;
  batch.apply(stream, &out);
  REQUIRE(out.size() == stream.size());
  CHECK(out[0].accepted);
  CHECK(out[1].accepted);
  CHECK(out[2].refusal == RefusalKind::kOutOfOrder);
  CHECK(out[3].accepted);
  // Due a week after the new opinion: on time on the 26th.
  CHECK(out[4].accepted);
  CHECK(state_of(batch, kPlain, kFeedback) == StepState::kDone);
  Engine single = engine_with_opinion();
  for (const Event& e : stream) single.apply(e);
  CHECK(batch.fingerprint() == single.fingerprint());
}

// The stream's cursor stays on a member between events; an actor past the roster, even the largest
// id, must still be refused as unknown rather than taken for the member the cursor is on.
TEST_CASE("member kernel: a stream refuses an unknown member after a known one") {
  const DayNumber aug12 = day(2005, 8, 12);
  constexpr auto kLargest = static_cast<MemberId>(-1);
  const std::vector<Event> stream = {
      Event::complete(kFeedback, kCadre, aug12, good_evidence()),
      Event::complete(kFeedback, MemberRef(kLargest), aug12, good_evidence()),
      Event::complete(kFeedback, MemberRef(kLargest), aug12, good_evidence()),
      Event::complete(kFeedback, kPlain, aug12, good_evidence()),
  };
  Engine e = engine_with_opinion();
  std::vector<Outcome> out;
  CHECK(e.apply(stream, &out) == 2);
  REQUIRE(out.size() == stream.size());
  CHECK(out[0].accepted);
  CHECK(out[1].refusal == RefusalKind::kUnknownId);
  CHECK(out[2].refusal == RefusalKind::kUnknownId);
  CHECK(out[3].accepted);
}

// A top committee that is itself a branch has members but no organization above them, so no
// phase counts their steps: the kernel must take their completions without one.
TEST_CASE("member kernel: members of a top that is a branch complete without an organization") {
  Organization o;
  Unit top;
  top.id = top.display_name = "独立支部";
  top.parent = kNoUnit;
  top.level = UnitLevel::kBranch;
  top.org_type = kVillage;
  o.units = {top};
  for (const char* id : {"m0", "m1", "m2"}) {
    o.member_branch.push_back(0);
    o.member_responsible.push_back(0);
    o.member_categories.push_back(0);
    o.member_ids.push_back(id);
    o.member_names.push_back(id);
  }
  o.units[0].end_member = 3;
  const auto engine = [&o] {
    EngineResult made =
        make_engine(test::view(shared_model()), test::view(o), {Mode::kEnforce, std::nullopt});
    REQUIRE(made.engine);
    return std::move(*made.engine);
  };
  const DayNumber jul2 = day(2005, 7, 2);
  const std::vector<Event> stream = {
      Event::complete(kPlan, UnitRef(0), jul2),
      Event::complete(kLearn, MemberRef(0), jul2, good_evidence()),
      Event::complete(kLearn, MemberRef(1), jul2, good_evidence()),
      Event::complete(kLearn, MemberRef(2), jul2, good_evidence()),
      Event::complete(kAnalysis, MemberRef(2), jul2, good_evidence()),
  };
  Engine batch = engine();
  std::vector<Outcome> out;
  CHECK(batch.apply(stream, &out) == 0);
  for (MemberId m = 0; m < 3; ++m) CHECK(state_of(batch, m, kLearn) == StepState::kDone);
  CHECK(state_of(batch, 2, kAnalysis) == StepState::kDone);
  CHECK(batch.violations().empty());
  Engine single = engine();
  for (const Event& ev : stream) CHECK(single.apply(ev).accepted);
  CHECK(batch.fingerprint() == single.fingerprint());
}

// A stream passes a completion dated after the calendar to the kernel, which must leave it to the
// general path (it is after every deadline), and that clamps it as apply(event) does.
TEST_CASE("member kernel: a stream judges a day past the calendar as one event at a time does") {
  const std::vector<Event> stream = {
      Event::complete(kFeedback, kCadre, day(2005, 8, 12), good_evidence()),
      Event::complete(kFeedback, kPlain, kMaxDay + 1, good_evidence()),
      Event::complete(kFeedback, kPlain2, std::numeric_limits<DayNumber>::max(), good_evidence()),
  };
  Engine batch = engine_with_opinion();
  std::vector<Outcome> out;
  batch.apply(stream, &out);
  Engine single = engine_with_opinion();
  REQUIRE(out.size() == stream.size());
  for (std::size_t i = 0; i < stream.size(); ++i) {
    const Outcome o = single.apply(stream[i]);
    CHECK(o.accepted == out[i].accepted);
    CHECK(o.refusal == out[i].refusal);
    CHECK(o.violation_count == out[i].violation_count);
  }
  CHECK(out[1].violation_count > 0);  // late: not taken as on time
  CHECK(state_of(batch, kPlain, kFeedback) != StepState::kDone);
  CHECK(batch.fingerprint() == single.fingerprint());
}

// When a stream's completion is the last required step open in its organization's phase, the
// kernel settles it and the loop around the kernel lets the phase react before the next event,
// as apply(event) does.
TEST_CASE("member kernel: a stream's last open step of a phase makes the phase react") {
  const DayNumber jul2 = day(2005, 7, 2);
  const auto prepared = [jul2] {
    Engine e = make_example_engine(Mode::kEnforce);
    for (const Event& ev :
         {Event::complete(kMobilize, kOrgan, jul2), Event::complete(kPlan, kBranch1, jul2),
          Event::complete(kPlan, kBranch2, jul2), Event::complete(kDiscuss, kBranch1, jul2),
          Event::complete(kDiscuss, kBranch1, jul2 + 1),  // twice, as it asks
          Event::complete(kDiscuss, kBranch2, jul2), Event::complete(kDiscuss, kBranch2, jul2 + 1)})
      REQUIRE(e.apply(ev).accepted);
    return e;
  };
  std::vector<Event> stream;
  // Every member of the township's branches that learns (the retired do not).
  for (const MemberRef m : {kCadre, kPlain, kPlain2, kMobile})
    stream.push_back(Event::complete(kLearn, MemberRef(m), jul2, good_evidence()));
  Engine batch = prepared();
  REQUIRE(batch.phase_state(kOrgan, kStudy) == PhaseState::kOpen);
  std::vector<Outcome> out;
  CHECK(batch.apply(stream, &out) == 0);
  Engine single = prepared();
  REQUIRE(out.size() == stream.size());
  for (std::size_t i = 0; i < stream.size(); ++i) {
    const Outcome o = single.apply(stream[i]);
    CHECK(o.accepted);
    CHECK(o.first_violation == out[i].first_violation);
    CHECK(o.violation_count == out[i].violation_count);
  }
  CHECK(single.phase_state(kOrgan, kStudy) != PhaseState::kOpen);
  CHECK(batch.phase_state(kOrgan, kStudy) == single.phase_state(kOrgan, kStudy));
  CHECK(batch.fingerprint() == single.fingerprint());
}
