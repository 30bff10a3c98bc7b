// Advisory windows as docs/semantics.md defines them ("Advisory windows"): an advisory window's end
// records advice and leaves its phase open; the phase closes, and the steps due at its end are
// missed, only at the end of the binding period its org type's advisory windows divide.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lockstep/civil_date.h"
#include "lockstep/engine.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "tests/engine/fixture.h"

using namespace lockstep;

namespace {

DayNumber day(int m, int d) {
  return days_from_civil({2009, m, d});
}

// Three advisory months (reference ends 30 Sep, 31 Oct, 30 Nov: the period ends 30 Nov) and a
// binding phase beside them. Lines matter: the violations cite them.
const char* kRules = R"(campaign adv "adv" {
  start 2009-09-01
  orgtype ot "OT"
  orgtype bound "Bound"
  phase a "A" from start, 1m advisory {
    window bound: from start, 1m
    gate ga "GA" by parent
    step s1 "S1" by branch
    step learn "Learn" by member
    step hint "Hint" by branch advisory
  }
  phase b "B" after a, 1m advisory {
    step s2 "S2" by branch after s1
  }
  phase c "C" after b, 1m advisory {
    step s3 "S3" by branch after s2
  }
  phase beside "Beside" with a, 4m {
    step s4 "S4" by branch
  }
}
)";
constexpr std::uint32_t kWindowA = 5, kGateA = 7, kWindowC = 15;

const char* kRoster = R"(unit,top,,top,ot,Top,yes
unit,b1,top,branch,ot,B1,no
unit,b2,top,branch,bound,B2,no
member,m1,b1,,M1,
)";

constexpr UnitRef kB1{1}, kB2{2};
constexpr MemberRef kM1{0};
constexpr PhaseId kA = 0, kB = 1, kC = 2;

// The campaign above over its roster.
struct Campaign : test::TextCampaign {
  Campaign() : TextCampaign(kRules, kRoster) {}
};

void run_to(Engine& e, DayNumber d) {
  for (DayNumber x = e.clock() + 1; x <= d; ++x) REQUIRE(e.apply(Event::advance(x)).accepted);
}

std::vector<Violation> of(const Engine& e, UnitId unit, Severity severity) {
  std::vector<Violation> out;
  for (const Violation& v : e.violations())
    if (v.unit == unit && v.severity == severity) out.push_back(v);
  return out;
}

// b1's work, all of it behind the reference dates and inside the period.
void behind_but_inside(const Campaign& c, Engine& e) {
  run_to(e, day(10, 10));
  REQUIRE(e.apply(Event::complete(c.step("s1"), kB1, day(10, 10))).accepted);
  REQUIRE(e.apply(Event::complete(c.step("learn"), kM1, day(10, 10))).accepted);
  CHECK(e.phase_state(kB1, kA) == PhaseState::kAwaitingGate);
  REQUIRE(e.apply(Event::approve(kA, kB1, 0, day(10, 12))).accepted);
  run_to(e, day(11, 20));
  REQUIRE(e.apply(Event::complete(c.step("s2"), kB1, day(11, 20))).accepted);
  REQUIRE(e.apply(Event::complete(c.step("s3"), kB1, day(11, 25))).accepted);
  REQUIRE(e.apply(Event::complete(c.step("s4"), kB1, day(11, 25))).accepted);
  run_to(e, day(12, 31));
}

}  // namespace

TEST_CASE("an advisory window's phase stays open past its end, to the end of the period") {
  const Campaign c;
  Engine e = c.engine();
  CHECK(e.phase_window(kB1, kA) == std::pair{day(9, 1), day(9, 30)});
  CHECK(e.phase_binding_end(kB1, kA) == day(11, 30));
  CHECK(e.phase_binding_end(kB1, kC) == day(11, 30));  // the last window ends the period
  CHECK(e.phase_binding_end(kB2, kA) == day(9, 30));   // its own window for `bound` binds
  CHECK(e.phase_binding_end(kB1, 3) == day(12, 31));   // a binding window beside them
  CHECK(e.due(c.step("s1"), kB1) == day(11, 30));      // due when the period ends
  CHECK(e.due(c.step("hint"), kB1) == day(9, 30));     // an advisory step: the window's end
  CHECK(e.due(c.step("s1"), kB2) == day(9, 30));
  run_to(e, day(10, 5));
  CHECK(e.phase_state(kB1, kA) == PhaseState::kOpen);
  CHECK(e.phase_state(kB1, kB) ==
        PhaseState::kOpen);  // the next phase opened on its reference date
  CHECK(e.phase_state(kB2, kA) == PhaseState::kClosed);
}

TEST_CASE("a unit behind the reference dates but inside the period gets advisory violations only") {
  const Campaign c;
  Engine e = c.engine();
  behind_but_inside(c, e);
  CHECK(of(e, kB1, Severity::kRequired).empty());
  CHECK(e.phase_state(kB1, kA) == PhaseState::kClosed);
  CHECK(e.phase_state(kB1, kC) == PhaseState::kClosed);

  // On 1 October, the day after phase a's reference end: what a binding end would record.
  std::vector<Violation> advice;
  for (const Violation& v : of(e, kB1, Severity::kAdvisory))
    if (v.day == day(10, 1) && v.step != c.step("hint")) advice.push_back(v);
  REQUIRE(advice.size() == 4);
  CHECK(advice[0].kind == ViolationKind::kMissed);  // s1, then the member's learn
  CHECK(advice[0].step == c.step("s1"));
  CHECK(advice[0].expected == day(9, 30));
  CHECK(advice[0].rule.line == kWindowA);
  CHECK(advice[1].kind == ViolationKind::kMissed);
  CHECK(advice[1].member == kM1);
  CHECK(advice[2].kind == ViolationKind::kPhaseClosedStepsOpen);
  CHECK(advice[2].actual == 2);
  CHECK(advice[2].expected == day(11, 30));  // it stays open until then
  CHECK(advice[2].rule.line == kWindowA);
  CHECK(advice[3].kind == ViolationKind::kPhaseClosedWithoutGate);
  CHECK(advice[3].rule.line == kGateA);
  // The advisory step is due at its reference date, as advice.
  bool hint_missed = false;
  for (const Violation& v : e.violations())
    hint_missed |= v.step == c.step("hint") && v.unit == kB1 && v.day == day(10, 1);
  CHECK(hint_missed);
}

TEST_CASE("a gate approved after the reference end and inside the period is accepted") {
  const Campaign c;
  Engine e = c.engine(Mode::kEnforce);
  run_to(e, day(11, 29));
  REQUIRE(e.apply(Event::complete(c.step("s1"), kB1, day(11, 29))).accepted);
  REQUIRE(e.apply(Event::complete(c.step("learn"), kM1, day(11, 29))).accepted);
  const Outcome o = e.apply(Event::approve(kA, kB1, 0, day(11, 30)));
  CHECK(o.accepted);
  CHECK(e.phase_state(kB1, kA) == PhaseState::kClosed);
  run_to(e, day(12, 2));
  for (const Violation& v : of(e, kB1, Severity::kRequired)) CHECK(v.phase != kA);
}

TEST_CASE("a unit past the end of the period gets the required violations, dated and cited") {
  const Campaign c;
  Engine e = c.engine(Mode::kAudit);
  run_to(e, day(12, 5));
  std::vector<Violation> a;
  for (const Violation& v : of(e, kB1, Severity::kRequired))
    if (v.phase == kA) a.push_back(v);
  REQUIRE(a.size() == 4);
  CHECK(a[0].kind == ViolationKind::kMissed);  // s1, then the member's learn
  CHECK(a[0].day == day(12, 1));
  CHECK(a[0].expected == day(11, 30));
  CHECK(a[0].rule.line == kWindowC);  // the window that ends the period
  CHECK(a[1].kind == ViolationKind::kMissed);
  CHECK(a[1].member == kM1);
  CHECK(a[2].kind == ViolationKind::kPhaseClosedStepsOpen);
  CHECK(a[2].day == day(12, 1));
  CHECK(a[2].rule.line == kWindowC);
  CHECK(a[3].kind == ViolationKind::kPhaseClosedWithoutGate);
  CHECK(a[3].rule.line == kGateA);
  CHECK(e.phase_state(kB1, kA) == PhaseState::kClosed);
  // Done after the period: late, required, against its end.
  REQUIRE(e.apply(Event::complete(c.step("s1"), kB1, day(12, 5))).accepted);
  const Violation& late = e.violations().back();
  CHECK(late.kind == ViolationKind::kLate);
  CHECK(late.severity == Severity::kRequired);
  CHECK(late.expected == day(11, 30));
}

TEST_CASE("a binding window of another org type keeps its own end") {
  const Campaign c;
  Engine e = c.engine(Mode::kAudit);
  run_to(e, day(10, 2));
  std::vector<Violation> a = of(e, kB2, Severity::kRequired);
  REQUIRE(a.size() == 3);  // b2 has no member: no learn
  CHECK(a[0].kind == ViolationKind::kMissed);
  CHECK(a[0].day == day(10, 1));
  CHECK(a[0].rule.line == kWindowA + 1);  // its own window
  CHECK(a[1].kind == ViolationKind::kPhaseClosedStepsOpen);
  CHECK(a[2].kind == ViolationKind::kPhaseClosedWithoutGate);
  CHECK(e.phase_state(kB2, kA) == PhaseState::kClosed);
}

TEST_CASE("a step done after its reference date and inside the period is done on time") {
  const Campaign c;
  Engine e = c.engine();
  run_to(e, day(10, 20));
  REQUIRE(e.apply(Event::complete(c.step("s1"), kB1, day(10, 20))).accepted);
  CHECK(e.unit_status(kB1)->steps.front().state == StepState::kDone);
}

TEST_CASE("a state saved between the reference end and the binding end goes on the same") {
  const Campaign c;
  Engine e = c.engine(Mode::kAudit);
  run_to(e, day(10, 5));
  const std::vector<std::uint8_t> saved = e.save_state();
  Engine restored = c.engine(Mode::kAudit);
  REQUIRE(restored.load_state(saved).empty());
  CHECK(restored.phase_state(kB1, kA) == PhaseState::kOpen);
  run_to(e, day(12, 5));
  run_to(restored, day(12, 5));
  CHECK(restored.fingerprint() == e.fingerprint());
}
