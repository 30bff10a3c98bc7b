// Coverage: a step is exercised by an event on it or an expected violation citing it; a deadline
// or prerequisite by an expected violation of it, or by `expect no violations` in a test with an
// event on its step; the rest is listed, in model order, with where it is written.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "lockstep/ruletest.h"
#include "ruletest/coverage.h"
#include "ruletest/run_test.h"
#include "ruletest/test_inputs.h"

namespace lockstep::ruletest {
namespace {

// Relative, as `lockstep test` finds files: the tests run in the source directory.
const std::string kFile = "tests/ruletest/t.locktest";
const std::string kRules = "rules/baoxian_2005_township.lock";

// The coverage of the tests in `body` (under a header naming the township and a small roster).
RulesCoverage coverage_of(const std::string& body) {
  const TestFile f = parse_test_text(kFile,
                                     "rules ../../rules/baoxian_2005_township.lock\n"
                                     "roster\n"
                                     "  unit,qingshi,,top,township_organ,青石镇,yes\n"
                                     "  unit,jg1,qingshi,branch,township_organ,镇机关,no\n"
                                     "  member,qs0001,jg1,in_service,王建国,\n" +
                                         body);
  REQUIRE(f.ok());
  InputCache cache;
  CoverageCounter counter;
  for (const TestCase& t : f.tests) run_test(f, t, cache, counter);
  const std::vector<RulesCoverage> all = counter.result();
  REQUIRE(all.size() == 1);
  CHECK(all[0].rules == kRules);
  return all[0];
}

bool listed(const RulesCoverage& c, const std::string& what, const std::string& name) {
  return std::any_of(c.not_exercised.begin(), c.not_exercised.end(),
                     [&](const CoverageItem& i) { return i.what == what && i.name == name; });
}

}  // namespace

TEST_CASE("an expected late violation exercises its step and that deadline only") {
  const RulesCoverage c = coverage_of(
      "test late\n"
      "  events\n"
      "    2005-07-20,jg1,complete,find_members\n"
      "  until 2005-07-31\n"
      "  expect violation late step find_members unit jg1\n");
  CHECK(c.steps_exercised == 1);
  CHECK(c.deadlines_exercised == 1);
  CHECK(c.prerequisites_exercised == 0);
  CHECK_FALSE(listed(c, "step", "find_members"));
  CHECK_FALSE(listed(c, "deadline", "due of find_members"));
  CHECK(listed(c, "deadline", "due of mobilize"));
  CHECK(listed(c, "prerequisite", "plan after mobilize"));
  CHECK(c.steps + c.deadlines + c.prerequisites - c.steps_exercised - c.deadlines_exercised -
            c.prerequisites_exercised ==
        c.not_exercised.size());
}

TEST_CASE("`expect no violations` exercises the deadlines and prerequisites of stepped steps") {
  const RulesCoverage c = coverage_of(
      "test in order\n"
      "  events\n"
      "    2005-07-02,jg1,complete,mobilize\n"
      "    2005-07-03,jg1,complete,plan\n"
      "  until 2005-07-04\n"
      "  expect no violations of step plan\n");
  CHECK(c.steps_exercised == 2);
  CHECK_FALSE(listed(c, "prerequisite", "plan after mobilize"));
  CHECK_FALSE(listed(c, "deadline", "phase end of plan"));
  // mobilize has events but the filter names plan only.
  CHECK(listed(c, "deadline", "due of mobilize"));
}

TEST_CASE("items are listed in model order with their place in the rules") {
  const RulesCoverage c = coverage_of("test nothing\n  until 2005-07-02\n  expect no violations\n");
  CHECK(c.steps_exercised == 0);
  REQUIRE_FALSE(c.not_exercised.empty());
  CHECK(c.not_exercised.front().what == "step");
  CHECK(c.not_exercised.front().name == "mobilize");
  CHECK(c.not_exercised.front().where == "rules/baoxian_base.lock:28:10");
  CHECK(c.not_exercised.back().what == "prerequisite");
}

}  // namespace lockstep::ruletest
