// Deadlines and the clock: late, missed, `within`, repetitions, events dated before the clock.
#include <doctest/doctest.h>

#include <algorithm>

#include "lockstep/messages.h"
#include "tests/engine/fixture.h"

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {

const DayNumber kJul2 = day(2005, 7, 2);

std::vector<Violation> of_kind(const Engine& e, ViolationKind k, StepId step = kNoStep) {
  std::vector<Violation> out;
  for (const Violation& v : e.violations())
    if (v.kind == k && (step == kNoStep || v.step == step)) out.push_back(v);
  return out;
}

std::vector<MemberId> members_of(const std::vector<Violation>& vs) {
  std::vector<MemberId> out;
  for (const Violation& v : vs) out.push_back(v.member);
  return out;
}

void organ_study(Engine& e) {
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch2, kJul2)).accepted);
}

}  // namespace

TEST_CASE("time: the study window ends on the last day of the calendar month, villages later") {
  Engine e = make_example_engine(Mode::kEnforce);
  CHECK(e.clock() == day(2005, 7, 1));
  CHECK(*e.phase_window(kOrgan, kStudy) == std::pair{day(2005, 7, 1), day(2005, 7, 31)});
  CHECK(*e.phase_window(kVillageBranch, kStudy) == std::pair{day(2005, 7, 8), day(2005, 8, 18)});
  CHECK(*e.phase_window(kOrgan, kAppraisal) == std::pair{day(2005, 8, 1), day(2005, 8, 30)});
  CHECK(*e.phase_window(kOrgan, kRectify) == std::pair{day(2005, 8, 15), day(2005, 10, 14)});
  CHECK(e.due(kMobilize, kOrgan) == day(2005, 7, 8));
  CHECK(e.due(kMobilize, kVillageBranch) == day(2005, 7, 15));
  CHECK(e.due(kPlanFix, kOrgan) == day(2005, 9, 30));
  CHECK(e.due(kLearn, kPlain) == day(2005, 7, 31));
  CHECK_FALSE(e.due(kLearn, kRetiredMember).has_value());
}

TEST_CASE("time: a completion after its deadline is done late and recorded with the rule") {
  Engine e = make_example_engine(Mode::kEnforce);
  organ_study(e);
  const Outcome o = e.apply(Event::complete(kLearn, kPlain, day(2005, 8, 2), good_evidence()));
  CHECK(o.accepted);
  CHECK(state_of(e, kPlain, kLearn) == StepState::kDoneLate);
  const auto late = of_kind(e, ViolationKind::kLate);
  REQUIRE(late.size() == 1);
  CHECK(late[0].expected == day(2005, 7, 31));
  CHECK(late[0].actual == day(2005, 8, 2));
  CHECK(late[0].rule.line == 22);  // the study window: no `due`, so its end
  CHECK(describe(late[0], shared_model(), shared_org()) ==
        "member m1 (李明) did 'learn' on 2005-08-02, after it was due on 2005-07-31 "
        "(docs/language.md:22:5)");
}

TEST_CASE("time: deadlines fire when the clock passes them, once, for those who sent nothing") {
  Engine e = make_example_engine(Mode::kEnforce);
  organ_study(e);
  REQUIRE(e.apply(Event::complete(kLearn, kCadre, kJul2, good_evidence())).accepted);
  // Mobilize is due on 8 July in the township, 15 July in the village.
  REQUIRE(e.apply(Event::advance(day(2005, 7, 9))).accepted);
  CHECK(of_kind(e, ViolationKind::kMissed, kMobilize).empty());  // the organ did it
  REQUIRE(e.apply(Event::advance(day(2005, 7, 16))).accepted);
  const auto mob = of_kind(e, ViolationKind::kMissed, kMobilize);
  REQUIRE(mob.size() == 1);
  CHECK(mob[0].unit == kVillageBranch);
  CHECK(mob[0].expected == day(2005, 7, 15));
  CHECK(mob[0].day == day(2005, 7, 16));
  CHECK(mob[0].rule.line == 26);

  REQUIRE(e.apply(Event::advance(day(2005, 8, 1))).accepted);
  const auto learn = of_kind(e, ViolationKind::kMissed, kLearn);
  CHECK(members_of(learn) == std::vector<MemberId>{kPlain, kMobile, kPlain2});
  CHECK(state_of(e, kPlain, kLearn) == StepState::kOverdue);
  CHECK(state_of(e, kCadre, kLearn) == StepState::kDone);
  const std::size_t count = e.violations().size();
  REQUIRE(e.apply(Event::advance(day(2005, 8, 1))).accepted);  // same day: nothing new
  REQUIRE(e.apply(Event::advance(day(2005, 8, 5))).accepted);
  CHECK(of_kind(e, ViolationKind::kMissed, kLearn).size() == 3);
  CHECK(e.violations().size() >= count);

  // Done after all: late, from overdue.
  REQUIRE(e.apply(Event::complete(kLearn, kPlain, day(2005, 8, 6), good_evidence())).accepted);
  CHECK(state_of(e, kPlain, kLearn) == StepState::kDoneLate);
  CHECK(of_kind(e, ViolationKind::kLate, kLearn).size() == 1);
}

TEST_CASE(
    "time: an event dated before the clock is judged by its own day, unless already overdue") {
  Engine e = make_example_engine(Mode::kEnforce);
  organ_study(e);
  REQUIRE(e.apply(Event::advance(day(2005, 7, 20))).accepted);
  // Reported on the 20th, done on the 10th: on time, and before the clock is fine.
  REQUIRE(e.apply(Event::complete(kLearn, kCadre, day(2005, 7, 10), good_evidence())).accepted);
  CHECK(state_of(e, kCadre, kLearn) == StepState::kDone);
  REQUIRE(e.apply(Event::advance(day(2005, 8, 3))).accepted);
  // The deadline was found passed on 1 August: a completion dated 30 July arriving now is late.
  REQUIRE(e.apply(Event::complete(kLearn, kPlain, day(2005, 7, 30), good_evidence())).accepted);
  CHECK(state_of(e, kPlain, kLearn) == StepState::kDoneLate);
  CHECK(e.clock() == day(2005, 8, 3));
}

TEST_CASE("time: 'within 7d after opinion of parent' runs from the branch's opinion") {
  Engine e = make_example_engine(Mode::kAudit);
  organ_study(e);
  REQUIRE(e.apply(Event::complete(kMeeting, kBranch1, day(2005, 8, 8))).accepted);  // audit
  REQUIRE(e.apply(Event::complete(kOpinion, kBranch1, day(2005, 8, 10))).accepted);
  CHECK(e.due(kFeedback, kCadre) == day(2005, 8, 17));
  CHECK(e.due(kFeedback, kMobile) == day(2005, 8, 17));  // looked after by branch 1
  CHECK(e.due(kFeedback, kPlain2) == day(2005, 8, 30));  // branch 2: the phase's end
  Evidence written = good_evidence();
  REQUIRE(e.apply(Event::complete(kFeedback, kCadre, day(2005, 8, 16), written)).accepted);
  REQUIRE(e.apply(Event::advance(day(2005, 8, 18))).accepted);
  const auto missed = of_kind(e, ViolationKind::kMissed, kFeedback);
  CHECK(members_of(missed) == std::vector<MemberId>{kPlain, kRetiredMember, kMobile});
  for (const Violation& v : missed) CHECK(v.rule.line == 41);
  REQUIRE(e.apply(Event::complete(kFeedback, kPlain, day(2005, 8, 20), written)).accepted);
  CHECK(of_kind(e, ViolationKind::kLate, kFeedback).size() == 1);
  REQUIRE(e.apply(Event::advance(day(2005, 8, 31))).accepted);
  const auto later = of_kind(e, ViolationKind::kMissed, kFeedback);
  REQUIRE(later.size() == 4);
  CHECK(later[3].member == kPlain2);
  CHECK(later[3].rule.line == 35);
}

TEST_CASE("time: too few repetitions when the deadline passes short of 'repeat >= 2'") {
  Engine e = make_example_engine(Mode::kEnforce);
  organ_study(e);
  REQUIRE(e.apply(Event::complete(kDiscuss, kBranch1, day(2005, 7, 5))).accepted);
  auto status = [&](UnitId u) {
    const UnitStatus unit = *e.unit_status(u);
    for (const StepStatus& s : unit.steps)
      if (s.step == kDiscuss) return s;
    FAIL("no discuss");
    return StepStatus{};
  };
  CHECK(status(kBranch1).state == StepState::kReady);
  CHECK(status(kBranch1).repetitions == 1);
  REQUIRE(e.apply(Event::complete(kDiscuss, kBranch2, day(2005, 7, 5))).accepted);
  REQUIRE(e.apply(Event::complete(kDiscuss, kBranch2, day(2005, 7, 12))).accepted);
  CHECK(status(kBranch2).state == StepState::kDone);
  REQUIRE(e.apply(Event::advance(day(2005, 8, 1))).accepted);
  const auto few = of_kind(e, ViolationKind::kTooFewRepetitions);
  REQUIRE(few.size() == 1);
  CHECK(few[0].unit == kBranch1);
  CHECK(few[0].expected == 2);
  CHECK(few[0].actual == 1);
  CHECK(status(kBranch1).state == StepState::kOverdue);
  REQUIRE(e.apply(Event::complete(kDiscuss, kBranch1, day(2005, 8, 2))).accepted);
  CHECK(status(kBranch1).state == StepState::kDoneLate);
}

TEST_CASE("requirements: thresholds per category, missing evidence, advisory as warnings") {
  Engine e = make_example_engine(Mode::kEnforce);
  organ_study(e);
  Evidence short_hours = good_evidence();
  short_hours.hours = 30;
  REQUIRE(e.apply(Event::complete(kLearn, kPlain, kJul2, short_hours)).accepted);
  REQUIRE(e.apply(Event::complete(kLearn, kCadre, kJul2, good_evidence())).accepted);
  Evidence chars2000 = good_evidence();
  chars2000.chars = 2000;
  REQUIRE(e.apply(Event::complete(kAnalysis, kCadre, day(2005, 8, 2), chars2000)).accepted);
  REQUIRE(e.apply(Event::complete(kAnalysis, kPlain, day(2005, 8, 2), chars2000)).accepted);
  Evidence nothing;
  REQUIRE(e.apply(Event::complete(kAnalysis, kRetiredMember, day(2005, 8, 2), nothing)).accepted);
  const auto found = of_kind(e, ViolationKind::kRequirementNotMet);
  REQUIRE(found.size() == 3);
  CHECK(found[0].member == kPlain);  // hours 30 < 40, advisory: a warning
  CHECK(found[0].field == Requirement::Field::kHours);
  CHECK(found[0].severity == Severity::kAdvisory);
  CHECK(found[0].expected == 40);
  CHECK(found[0].actual == 30);
  CHECK(found[1].member == kCadre);  // leading cadres: 2500, required
  CHECK(found[1].expected == 2500);
  CHECK(found[1].severity == Severity::kRequired);
  CHECK(found[2].member == kRetiredMember);  // nothing reported
  CHECK(found[2].actual == kNoValue);
  CHECK(found[2].severity == Severity::kAdvisory);
  CHECK(describe(found[2], shared_model(), shared_org()).find("with chars nothing") !=
        std::string::npos);
}

TEST_CASE("revision: a done step reopens, blocks what waits on it, and is done again on time") {
  Engine e = make_example_engine(Mode::kEnforce);
  organ_study(e);
  for (MemberRef m : {kCadre, kPlain, kMobile})
    REQUIRE(e.apply(Event::complete(kLearn, MemberRef(m), kJul2, good_evidence())).accepted);
  for (MemberRef m : {kCadre, kPlain, kRetiredMember, kMobile})
    REQUIRE(e.apply(Event::complete(kAnalysis, MemberRef(m), day(2005, 8, 2), good_evidence()))
                .accepted);
  REQUIRE(e.apply(Event::revise(kAnalysis, kPlain, day(2005, 8, 3))).accepted);
  CHECK(state_of(e, kPlain, kAnalysis) == StepState::kReopened);
  CHECK(e.apply(Event::revise(kAnalysis, kPlain, day(2005, 8, 3))).refusal ==
        RefusalKind::kDuplicate);
  CHECK(e.apply(Event::complete(kMeeting, kBranch1, day(2005, 8, 5))).refusal ==
        RefusalKind::kMembersNotDone);
  // Revised long after the deadline: a revision has no deadline of its own.
  REQUIRE(e.apply(Event::complete(kAnalysis, kPlain, day(2005, 9, 9), good_evidence())).accepted);
  CHECK(state_of(e, kPlain, kAnalysis) == StepState::kDone);
  CHECK(of_kind(e, ViolationKind::kLate).empty());
  CHECK(e.apply(Event::complete(kMeeting, kBranch1, day(2005, 9, 10))).accepted);
}

TEST_CASE("excuse: counts as done for those waiting, keeps its reason out of line, once") {
  Engine e = make_example_engine(Mode::kEnforce);
  organ_study(e);
  CHECK(e.apply(Event::excuse(kLearn, kMobile, kJul2, "外出")).accepted);
  CHECK(state_of(e, kMobile, kLearn) == StepState::kExcused);
  CHECK(state_of(e, kMobile, kAnalysis) == StepState::kReady);
  CHECK(e.apply(Event::excuse(kLearn, kMobile, kJul2, "外出")).refusal == RefusalKind::kDuplicate);
  REQUIRE(e.apply(Event::advance(day(2005, 8, 1))).accepted);
  CHECK(of_kind(e, ViolationKind::kMissed, kLearn).size() == 3);  // m0, m1, m3; not m4
  // Back from away and done after all: late, since the deadline has passed.
  CHECK(e.apply(Event::complete(kLearn, kMobile, day(2005, 8, 2), good_evidence())).accepted);
  CHECK(state_of(e, kMobile, kLearn) == StepState::kDoneLate);
}

TEST_CASE("time: 'within 10d after analysis of all members' counts from the last of them") {
  CampaignModel m = example_model();
  m.steps[kMeeting].within =
      WithinDeadline{{kAnalysis, Prerequisite::Scope::kAllMembers, {0, 90, 30, 8}},
                     {10, Duration::Unit::kDays},
                     Severity::kRequired,
                     {0, 90, 10, 6}};
  EngineResult r = make_engine(test::view(m), test::view(shared_org()), {Mode::kEnforce, {}});
  REQUIRE(r.engine);
  Engine& e = *r.engine;
  organ_study(e);
  for (MemberId x : {kCadre, kPlain, kMobile})
    REQUIRE(e.apply(Event::complete(kLearn, MemberRef(x), kJul2, good_evidence())).accepted);
  CHECK(e.due(kMeeting, kBranch1) == day(2005, 8, 30));  // the phase's end, until all are through
  const MemberId order[] = {kCadre, kRetiredMember, kMobile};
  for (int i = 0; i < 3; ++i)
    REQUIRE(e.apply(Event::complete(kAnalysis, MemberRef(order[i]), day(2005, 8, 2 + i),
                                    good_evidence()))
                .accepted);
  CHECK(e.due(kMeeting, kBranch1) == day(2005, 8, 30));
  REQUIRE(e.apply(Event::excuse(kAnalysis, kPlain, day(2005, 8, 3), "病休")).accepted);
  CHECK(e.due(kMeeting, kBranch1) == day(2005, 8, 14));  // the last completion, 4 August
  CHECK(e.due(kMeeting, kBranch2) == day(2005, 8, 30));
  REQUIRE(e.apply(Event::advance(day(2005, 8, 15))).accepted);
  const auto missed = of_kind(e, ViolationKind::kMissed, kMeeting);
  REQUIRE(missed.size() == 1);
  CHECK(missed[0].unit == kBranch1);
  CHECK(missed[0].rule.line == 90);
}

TEST_CASE("time: 'within 5d after plan of all subunits' shortens an explicit deadline") {
  CampaignModel m = example_model();
  m.steps[kPlanFix].within =
      WithinDeadline{{kPlan, Prerequisite::Scope::kAllSubunits, {0, 91, 30, 4}},
                     {5, Duration::Unit::kDays},
                     Severity::kRequired,
                     {0, 91, 10, 6}};
  EngineResult r = make_engine(test::view(m), test::view(shared_org()), {Mode::kAudit, {}});
  REQUIRE(r.engine);
  Engine& e = *r.engine;
  CHECK(e.due(kPlanFix, kOrgan) == day(2005, 9, 30));
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, kJul2)).accepted);
  CHECK(e.due(kPlanFix, kOrgan) == day(2005, 9, 30));
  REQUIRE(e.apply(Event::complete(kPlan, kBranch2, day(2005, 7, 4))).accepted);
  CHECK(e.due(kPlanFix, kOrgan) == day(2005, 7, 9));
  REQUIRE(e.apply(Event::advance(day(2005, 7, 10))).accepted);
  const auto missed = of_kind(e, ViolationKind::kMissed, kPlanFix);
  REQUIRE(missed.size() == 1);
  CHECK(missed[0].unit == kOrgan);
  CHECK(missed[0].rule.line == 91);
}

TEST_CASE("time: what waits on a missed step stays locked until it is done late or excused") {
  Engine e = make_example_engine(Mode::kEnforce);
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  REQUIRE(e.apply(Event::advance(day(2005, 8, 1))).accepted);
  CHECK(of_kind(e, ViolationKind::kMissed, kPlan).size() == 2);
  CHECK(of_kind(e, ViolationKind::kMissed, kLearn).size() == 4);  // its own deadline fires too
  CHECK(e.apply(Event::complete(kLearn, kPlain, day(2005, 8, 2))).refusal ==
        RefusalKind::kOutOfOrder);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, day(2005, 8, 2))).accepted);
  CHECK(e.apply(Event::complete(kLearn, kPlain, day(2005, 8, 2), good_evidence())).accepted);
  REQUIRE(e.apply(Event::excuse(kPlan, kBranch2, day(2005, 8, 2), "并入一支部")).accepted);
  CHECK(e.apply(Event::complete(kLearn, kPlain2, day(2005, 8, 2), good_evidence())).accepted);
  CHECK(state_of(e, kPlain2, kLearn) == StepState::kDoneLate);
}
