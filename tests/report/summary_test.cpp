// Summaries: on-time rates, counts by kind and group, the worst units, and validation.
#include <doctest/doctest.h>

#include "report/dates.h"
#include "report/summary.h"
#include "tests/report/fixture.h"

using namespace lockstep;
using namespace lockstep::report;

TEST_CASE("dates print as YYYY-MM-DD across eras and leap days") {
  CHECK(format_day(0) == "1970-01-01");
  CHECK(format_day(testing::kFixtureStart) == "2005-07-01");
  CHECK(format_day(testing::kFixtureAsOf) == "2005-09-30");
  CHECK(format_day(11016) == "2000-02-29");
  CHECK(format_day(-1) == "1969-12-31");
  CHECK(format_day(-719468) == "0000-03-01");
}

TEST_CASE("the on-time rate counts only work that was due, and only required steps") {
  const CampaignReport r = testing::tiny_report();
  const ReportSummary s = summarize(r, 5);
  REQUIRE(s.phases.size() == 1);
  const Progress& p = s.phases[0].progress;
  CHECK(p.required == 34);
  CHECK(p.on_time == 28);
  CHECK(p.late == 4);
  CHECK(p.excused == 1);
  CHECK(p.overdue == 1);
  CHECK(p.open() == 1);
  CHECK(p.on_time_rate() == doctest::Approx(0.8485));  // 28 / 33, rounded to 4 decimals
  CHECK(*p.on_time_rate() == round_rate(28.0 / 33.0));

  Progress nothing_due;
  nothing_due.required = 5;
  CHECK_FALSE(nothing_due.on_time_rate().has_value());
}

TEST_CASE("violations are counted by kind and severity, per phase and per group") {
  const ReportSummary s = summarize(testing::tiny_report(), 5);
  REQUIRE(s.by_kind.size() == 2);
  CHECK(s.by_kind[0].kind == "late");
  CHECK(s.by_kind[0].required == 1);
  CHECK(s.by_kind[0].advisory == 1);
  CHECK(s.by_kind[1].kind == "missed");
  CHECK(s.violations == 3);
  CHECK(s.required_violations == 2);
  REQUIRE(s.groups.size() == 2);  // g1, then the unit under no group
  CHECK(s.groups[0].group == 0);
  CHECK(s.groups[0].violations == 2);
  CHECK(s.groups[1].group == kNoIndex);
  CHECK(s.groups[1].units == 1);
}

TEST_CASE("the worst units come first: required violations, then all, then overdue") {
  const ReportSummary s = summarize(testing::tiny_report(), 5);
  REQUIRE(s.worst_units.size() == 2);
  CHECK(s.worst_units[0] == 0);  // one required violation, two in all
  CHECK(s.worst_units[1] == 1);
  CHECK(summarize(testing::tiny_report(), 1).worst_units.size() == 1);
}

TEST_CASE("violations are ordered by day, unit, step and member, stably") {
  const CampaignReport r = testing::tiny_report();
  const std::vector<std::size_t> order = violation_order(r);
  CHECK(order == std::vector<std::size_t>{1, 2, 0});
}

TEST_CASE("the fixture satisfies the report's invariants") {
  CHECK(validate_report(testing::fixture_report()).empty());
  CHECK(validate_report(testing::tiny_report()).empty());
}

TEST_CASE("broken indices and counts are reported and do not crash the summary") {
  CampaignReport r = testing::tiny_report();
  r.units[1].org_type = 9;
  r.cells[0].on_time = 5;  // more than the 1 required
  r.violations[0].step = 0;
  r.violations[0].phase = 3;
  r.burn_down.open_by_phase = {{1, 2}, {3}};
  const std::vector<std::string> problems = validate_report(r);
  CHECK(problems.size() == 5);
  CHECK(problems[0] == "unit 1 names org type 9, of 1");
  const ReportSummary s = summarize(r, 5);
  CHECK(s.progress.on_time <= s.progress.required);
}
