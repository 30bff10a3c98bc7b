// The runner: a test passes when the run shows what it expects, and fails with one entry per
// unmet expectation — a missing violation (with what the run found instead), an unexpected one
// (with the rule it cites), a status not reached; a test whose inputs do not load is an error
// with diagnostics in the test file. The campaign is seed 000's township (2005-07-01 start;
// 双找 find_members due 14 days in, 2005-07-15).
#include <doctest/doctest.h>

#include <string>

#include "lockstep/ruletest.h"
#include "ruletest/coverage.h"
#include "ruletest/run_test.h"
#include "ruletest/test_inputs.h"

namespace lockstep::ruletest {
namespace {

// A test file as if it sat in tests/ruletest/, so that its paths are relative to there.
// Relative, as `lockstep test` finds files: the tests run in the source directory.
const std::string kFile = "tests/ruletest/t.locktest";

const std::string kHeader =
    "rules ../../rules/baoxian_2005_township.lock\n"
    "roster\n"
    "  unit,qingshi,,top,township_organ,中共青石镇委员会,yes\n"
    "  unit,jg1,qingshi,branch,township_organ,镇机关第一党支部,no\n"
    "  member,qs0001,jg1,leading_cadre,王建国,\n"
    "  member,qs0002,jg1,in_service,李秀英,\n";

TestResult run(const std::string& text) {
  const TestFile f = parse_test_text(kFile, text);
  REQUIRE(f.ok());
  REQUIRE(f.tests.size() == 1);
  InputCache cache;
  CoverageCounter coverage;
  return run_test(f, f.tests[0], cache, coverage);
}

// "test t" with `body` under the header.
TestResult run_body(const std::string& body) {
  return run(kHeader + "test t\n" + body);
}

// The one failure of the test "t" with `body`: the test must fail, with exactly one failure.
Failure only_failure(const std::string& body) {
  const TestResult r = run_body(body);
  REQUIRE(r.status == TestResult::Status::kFail);
  REQUIRE(r.failures.size() == 1);
  return r.failures[0];
}

}  // namespace

TEST_CASE("a test that the run bears out passes") {
  const TestResult r = run_body(
      "  events\n"
      "    2005-07-20,jg1,complete,find_members\n"
      "  until 2005-07-31\n"
      "  expect violation missed step find_members unit jg1 day 2005-07-16\n"
      "  expect violation late step find_members unit jg1 day 2005-07-20\n"
      "  expect no other violations of step find_members\n"
      "  expect status jg1 find_members done_late\n");
  CHECK(r.status == TestResult::Status::kPass);
  CHECK(r.failures.empty());
  CHECK(r.line == 7);
  CHECK(r.name == "t");
}

TEST_CASE("a missing violation names what the run found instead") {
  const Failure f = only_failure(
      "  events\n"
      "    2005-07-20,jg1,complete,find_members\n"
      "  until 2005-07-31\n"
      "  expect violation late step find_members unit jg1 day 2005-07-16\n");
  CHECK(f.kind == Failure::Kind::kMissing);
  CHECK(f.line == 11);
  CHECK(f.expected == "expect violation late step find_members unit jg1 day 2005-07-16");
  REQUIRE(f.near.size() == 1);
  CHECK(
      f.near[0].starts_with("violation late step find_members unit jg1 day 2005-07-20 (rules/"
                            "baoxian_2005_township.lock:"));
}

TEST_CASE("an unexpected violation cites its rule and the expectation it breaks") {
  const Failure f = only_failure(
      "  events\n"
      "    2005-07-20,jg1,complete,find_members\n"
      "  until 2005-07-31\n"
      "  expect no violations of kind late\n");
  CHECK(f.kind == Failure::Kind::kUnexpected);
  CHECK(f.line == 11);
  CHECK(f.violation == "violation late step find_members unit jg1 day 2005-07-20");
  CHECK(f.rule.starts_with("rules/baoxian_2005_township.lock:38:"));
  CHECK(f.message.find("2005-07-15") != std::string::npos);
}

TEST_CASE("a status not reached says what it is, at the date asked") {
  const TestResult r = run_body(
      "  events\n"
      "    2005-07-02,jg1,complete,mobilize\n"
      "    2005-07-03,jg1,complete,plan\n"
      "    2005-07-05,qs0001,complete,learn,40\n"
      "  until 2005-07-31\n"
      "  expect status qs0001 learn done at 2005-07-04\n"
      "  expect status qs0001 learn done at 2005-07-05\n"
      "  expect status qs0002 learn done\n");
  REQUIRE(r.status == TestResult::Status::kFail);
  REQUIRE(r.failures.size() == 2);
  CHECK(r.failures[0].kind == Failure::Kind::kStatus);
  CHECK(r.failures[0].line == 13);
  CHECK(r.failures[0].actual == "ready");
  CHECK(r.failures[1].line == 15);
  CHECK(r.failures[1].actual == "ready");
}

TEST_CASE("without `until` the run goes to the campaign's end: missed deadlines are found") {
  const TestResult r = run_body("  expect violation missed step find_members unit jg1\n");
  CHECK(r.status == TestResult::Status::kPass);
}

TEST_CASE("enforce mode refuses an event out of order, and says so") {
  const TestResult r = run_body(
      "  mode enforce\n"
      "  events\n"
      "    2005-07-03,jg1,complete,plan\n"
      "  until 2005-07-10\n"
      "  expect status jg1 plan done\n");
  REQUIRE(r.status == TestResult::Status::kFail);
  CHECK(r.refused == 1);
}

TEST_CASE("inputs that do not load make an error whose diagnostics point into the test") {
  SUBCASE("an unknown step in an inline event (V100)") {
    const TestResult r = run_body(
        "  events\n"
        "    2005-07-10,jg1,complete,find_member\n"
        "  expect no violations\n");
    REQUIRE(r.status == TestResult::Status::kError);
    REQUIRE(r.problems.size() == 1);
    const Diagnostic& d = r.problems[0].diagnostics.at(0);
    CHECK(d.code == "V100");
    CHECK(d.span.line == 9);
    CHECK(d.span.column == 5);
    CHECK(r.problems[0].files.at(0).path == kFile);
  }
  SUBCASE("a bad inline roster record (R016)") {
    const TestResult r =
        run("rules ../../rules/baoxian_2005_township.lock\n"
            "roster\n"
            "  unit,qingshi,,top,township_organ,中共青石镇委员会,yes\n"
            "  unit,jg1,qingshi,branch,township_orgn,镇机关第一党支部,no\n"
            "test t\n"
            "  expect no violations\n");
    REQUIRE(r.status == TestResult::Status::kError);
    const Diagnostic& d = r.problems.at(0).diagnostics.at(0);
    CHECK(d.code == "R016");
    CHECK(d.span.line == 4);
    CHECK(d.span.column == 27);
  }
  SUBCASE("unknown names in expectations (T010), with did-you-mean") {
    const TestResult r = run_body(
        "  expect violation late step find_member unit jg2\n"
        "  expect status qs0001 plan done\n");
    REQUIRE(r.status == TestResult::Status::kError);
    const Diagnostics& ds = r.problems.at(0).diagnostics;
    REQUIRE(ds.size() == 3);
    CHECK(ds[0].code == "T010");
    CHECK(ds[0].span.line == 8);
    CHECK(ds[0].span.column == 30);
    CHECK(ds[0].help.find("did you mean 'find_members'?") != std::string::npos);
    CHECK(ds[1].span.column == 47);
    CHECK(ds[2].message == "'plan' is performed by branch; 'qs0001' is a member");
  }
  SUBCASE("a rules file that cannot be read (T001 at the `rules` line)") {
    const TestResult r = run_body("  rules nowhere.lock\n  expect no violations\n");
    REQUIRE(r.status == TestResult::Status::kError);
    const Diagnostic& d = r.problems.at(0).diagnostics.at(0);
    CHECK(d.code == "T001");
    CHECK(d.span.line == 8);
    CHECK(d.span.column == 9);
  }
}

}  // namespace lockstep::ruletest
