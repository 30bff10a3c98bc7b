// `within` deadlines as docs/semantics.md dates them ("Deadlines and the clock"): a deadline
// already past when it is made is missed on the day it is made, whatever other units' deadlines
// do; a revised source takes its `within` back; a `due` and a `within` on the same day cite the
// stricter.
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

DayNumber jul(int d) {
  return days_from_civil({2005, 7, d});
}

const char* kRoster = R"(unit,top,,top,ot,Top,yes
unit,b1,top,branch,ot,B1,no
unit,b2,top,branch,ot,B2,no
member,m1,b1,,M1,
member,m2,b1,,M2,
member,m3,b2,,M3,
)";

constexpr UnitRef kB1{1}, kB2{2};
constexpr MemberRef kM1{0}, kM2{1};

// A campaign of one phase from 1 July 2005, `days` long, declaring `steps` (one per line).
std::string one_phase(int days, const std::string& steps) {
  return "campaign c \"C\" {\n  start 2005-07-01\n  orgtype ot \"OT\"\n  phase p1 \"P1\" from "
         "start, " +
         std::to_string(days) + "d {\n" + steps + "  }\n}\n";
}

// The campaign of a test, over the roster above.
struct Campaign : test::TextCampaign {
  explicit Campaign(const std::string& rules) : TextCampaign(rules, kRoster) {}
};

// Applies `e` as a replay does: the clock first moves to its day (never back).
void at(Engine& engine, const Event& e) {
  if (e.day > engine.clock()) REQUIRE(engine.apply(Event::advance(e.day)).accepted);
  REQUIRE(engine.apply(e).accepted);
}

std::vector<Violation> missed(const Engine& e, StepId step, std::uint32_t unit, MemberId member) {
  std::vector<Violation> out;
  for (const Violation& v : e.violations())
    if (v.kind == ViolationKind::kMissed && v.step == step && v.unit == unit && v.member == member)
      out.push_back(v);
  return out;
}

// `y` is there only for its fixed deadline: due on 07-06, it fires on 07-07, which used to move the
// day deadlines found already past were dated by; due on 07-21, it fires later than all of it.
std::string past_rules(int y_due) {
  return R"(campaign c1 "C1" {
  start 2005-07-01
  orgtype ot "OT"
  phase p1 "P1" from start, 30d {
    step x "X" by branch
    step s "S" by branch within 3d after x
    step y "Y" by branch due start + )" +
         std::to_string(y_due) + R"(d
  }
}
)";
}

}  // namespace

TEST_CASE(
    "within: a deadline already past when made is missed on the clock's day, not a bucket's") {
  for (const int y_due : {5, 20}) {
    CAPTURE(y_due);
    const Campaign c(past_rules(y_due));
    const StepId x = c.step("x"), s = c.step("s");
    Engine e = c.engine();
    REQUIRE(e.apply(Event::advance(jul(7))).accepted);
    // x done on 07-02, reported on 07-07: s was due 07-05.
    REQUIRE(e.apply(Event::complete(x, kB1, jul(2))).accepted);
    REQUIRE(e.apply(Event::advance(jul(9))).accepted);
    const auto v = missed(e, s, kB1, kNoMember);
    REQUIRE(v.size() == 1);
    CHECK(v[0].expected == jul(5));
    CHECK(v[0].day == jul(7));
  }
}

TEST_CASE("within: a source dated before the campaign's start makes s missed on the start day") {
  const Campaign c(past_rules(20));
  Engine e = c.engine();
  REQUIRE(e.apply(Event::complete(c.step("x"), kB1, days_from_civil({2005, 6, 20}))).accepted);
  REQUIRE(e.apply(Event::advance(jul(3))).accepted);
  const auto v = missed(e, c.step("s"), kB1, kNoMember);
  REQUIRE(v.size() == 1);
  CHECK(v[0].expected == days_from_civil({2005, 6, 23}));
  CHECK(v[0].day == jul(1));
}

TEST_CASE("within: 'all members' satisfied only by a later excuse is missed on the excuse's day") {
  const Campaign c(one_phase(30,
                             "step x \"X\" by member\n"
                             "step s \"S\" by branch within 3d after x of all members\n"
                             "step y \"Y\" by branch due start + 10d\n"));
  const StepId x = c.step("x"), s = c.step("s");
  Engine e = c.engine();
  at(e, Event::complete(x, kM1, jul(2)));
  // m2's excuse on 07-14 completes b1's members: s was due 07-05, three days after m1's x, the
  // last completion among them. The fixed deadline of y fired on 07-12 in between.
  at(e, Event::excuse(x, kM2, jul(14), "moved away"));
  REQUIRE(e.apply(Event::advance(jul(20))).accepted);
  const auto v = missed(e, s, kB1, kNoMember);
  REQUIRE(v.size() == 1);
  CHECK(v[0].expected == jul(5));
  CHECK(v[0].day == jul(14));
  CHECK(missed(e, s, kB2, kNoMember).empty());  // m3 has not done x: the phase's end holds
}

namespace {

const std::string kReviseRules = one_phase(10,
                                           "step x \"X\" by branch\n"
                                           "step s \"S\" by branch within 10d after x\n");

}  // namespace

TEST_CASE("within: revising the source takes its deadline back, the phase's end, past, is missed") {
  const Campaign c(kReviseRules);
  const StepId x = c.step("x"), s = c.step("s");
  Engine e = c.engine();
  at(e, Event::complete(x, kB1, jul(5)));
  at(e, Event::revise(x, kB1, jul(11)));
  at(e, Event::complete(x, kB2, jul(20)));
  const auto v = missed(e, s, kB1, kNoMember);
  REQUIRE(v.size() == 1);
  CHECK(v[0].expected == jul(10));  // the phase's end: the `within` went with x's completion
  CHECK(v[0].day == jul(11));       // the revision's day, when it was already past
  REQUIRE(e.apply(Event::advance(jul(31))).accepted);
  CHECK(missed(e, s, kB1, kNoMember).size() == 1);  // the stale 07-16 check decides nothing
}

TEST_CASE("within: a source done again after a revision counts from its new day") {
  const Campaign c(kReviseRules);
  const StepId x = c.step("x"), s = c.step("s");
  SUBCASE("the phase's end had passed in between: missed on the revision's day") {
    Engine e = c.engine();
    at(e, Event::complete(x, kB1, jul(5)));
    at(e, Event::revise(x, kB1, jul(11)));
    at(e, Event::complete(x, kB1, jul(13)));
    at(e, Event::complete(x, kB2, jul(20)));
    const auto v = missed(e, s, kB1, kNoMember);
    REQUIRE(v.size() == 1);
    CHECK(v[0].day == jul(11));
    CHECK(v[0].expected == jul(10));
  }
  SUBCASE("it had not: due ten days after the new completion") {
    Engine e = c.engine();
    at(e, Event::complete(x, kB1, jul(5)));
    at(e, Event::revise(x, kB1, jul(8)));
    at(e, Event::complete(x, kB1, jul(9)));
    CHECK(e.due(s, kB1) == jul(19));
    REQUIRE(e.apply(Event::advance(jul(19))).accepted);
    CHECK(missed(e, s, kB1, kNoMember).empty());
    REQUIRE(e.apply(Event::advance(jul(25))).accepted);
    const auto v = missed(e, s, kB1, kNoMember);
    REQUIRE(v.size() == 1);
    CHECK(v[0].day == jul(20));
    CHECK(v[0].expected == jul(19));
  }
}

TEST_CASE("within: a member's revised source takes the member's deadline back") {
  const Campaign c(one_phase(10,
                             "step x \"X\" by member\n"
                             "step s \"S\" by member within 10d after x\n"));
  const StepId x = c.step("x"), s = c.step("s");
  Engine e = c.engine();
  at(e, Event::complete(x, kM1, jul(5)));
  at(e, Event::revise(x, kM1, jul(12)));
  REQUIRE(e.apply(Event::advance(jul(31))).accepted);
  const auto v = missed(e, s, kB1, kM1);
  REQUIRE(v.size() == 1);
  CHECK(v[0].day == jul(12));
  CHECK(v[0].expected == jul(10));
}

TEST_CASE("within: revising one of 'all members' takes the branch's deadline back") {
  const Campaign c(one_phase(10,
                             "step x \"X\" by member\n"
                             "step s \"S\" by branch within 10d after x of all members\n"));
  const StepId x = c.step("x"), s = c.step("s");
  Engine e = c.engine();
  at(e, Event::complete(x, kM1, jul(2)));
  at(e, Event::complete(x, kM2, jul(3)));
  CHECK(e.due(s, kB1) == jul(13));
  at(e, Event::revise(x, kM2, jul(12)));
  CHECK(e.due(s, kB1) == jul(10));
  REQUIRE(e.apply(Event::advance(jul(31))).accepted);
  const auto v = missed(e, s, kB1, kNoMember);
  REQUIRE(v.size() == 1);
  CHECK(v[0].day == jul(12));
  CHECK(v[0].expected == jul(10));
}

TEST_CASE("within: a `due` and a `within` on the same day cite the stricter, the `due` if equal") {
  for (const bool due_advisory : {false, true}) {
    CAPTURE(due_advisory);
    const std::string rules = std::string(R"(campaign c8 "C8" {
  start 2005-07-01
  orgtype ot "OT"
  phase p1 "P1" from start, 30d {
    step x "X" by branch
    step s "S" by branch due start + 9d)") +
                              (due_advisory ? " advisory" : "") +
                              R"( within 5d after x
  }
}
)";
    const Campaign c(rules);
    const StepId x = c.step("x"), s = c.step("s");
    const SourceSpan due_rule = c.model.steps[s].deadline->where;
    const SourceSpan within_rule = c.model.steps[s].within->where;
    REQUIRE(due_rule.line == within_rule.line);
    REQUIRE(due_rule.column != within_rule.column);
    for (const bool late : {false, true}) {
      CAPTURE(late);
      Engine e = c.engine();
      at(e, Event::complete(x, kB1, jul(5)));  // within: 07-10, as the `due`
      CHECK(e.due(s, kB1) == jul(10));
      std::vector<Violation> vs;
      if (late) {
        at(e, Event::complete(s, kB1, jul(11)));
        for (const Violation& v : e.violations())
          if (v.kind == ViolationKind::kLate && v.unit == kB1) vs.push_back(v);
      } else {
        REQUIRE(e.apply(Event::advance(jul(12))).accepted);
        vs = missed(e, s, kB1, kNoMember);
      }
      REQUIRE(vs.size() == 1);
      CHECK(vs[0].expected == jul(10));
      CHECK(vs[0].severity == Severity::kRequired);
      CHECK(vs[0].rule.column == (due_advisory ? within_rule.column : due_rule.column));
    }
  }
}

TEST_CASE("within: a check already past when made survives a saved state, and fires the same") {
  const Campaign c(past_rules(5));
  const StepId x = c.step("x");
  Engine e = c.engine();
  REQUIRE(e.apply(Event::advance(jul(7))).accepted);  // y's deadline fired: the queue is past 07-07
  REQUIRE(e.apply(Event::complete(x, kB1, jul(2))).accepted);  // s's check: 07-07, before it
  const std::vector<std::uint8_t> saved = e.save_state();
  Engine restored = c.engine();
  REQUIRE(restored.load_state(saved).empty());
  CHECK(restored.fingerprint() == e.fingerprint());
  CHECK(restored.save_state() == saved);
  for (Engine* each : {&e, &restored}) REQUIRE(each->apply(Event::advance(jul(9))).accepted);
  CHECK(restored.fingerprint() == e.fingerprint());
  const auto v = missed(restored, c.step("s"), kB1, kNoMember);
  REQUIRE(v.size() == 1);
  CHECK(v[0].day == jul(7));
}
