// The terminal report: summary first, details after, aligned by display width, no colour unless
// asked, and the whole tiny report as a golden string.
#include <doctest/doctest.h>

#include "lockstep/report.h"
#include "tests/report/fixture.h"

using namespace lockstep;

TEST_CASE("the tiny report renders as its golden text") {
  const std::string text = render_report_text(testing::tiny_report());
  CHECK(
      text ==
      "学习实践活动  (demo)\n"
      "as of 2005-08-10, started 2005-07-01\n"
      "2 units, 3 violations (2 required), on-time rate 84.9%\n"
      "\n"
      "Phases\n"
      "Phase     Required  On time  Late  Overdue  Excused  Open  On-time rate  Violations by "
      "kind\n"
      "-------------------------------------------------------------------------------------------"
      "\n"
      "学习调研        34       28     4        1        1     1         84.9%  late 2, missed 1\n"
      "\n"
      "Violations by kind\n"
      "Kind    Required  Advisory  Total\n"
      "---------------------------------\n"
      "late           1         1      2\n"
      "missed         1         0      1\n"
      "\n"
      "Supervision groups\n"
      "Supervision group  Units  Overdue  On-time rate  Violations  Required\n"
      "---------------------------------------------------------------------\n"
      "第一督导组             1        1         80.0%           2         1\n"
      "(none)                 1        0         92.3%           1         1\n"
      "\n"
      "Worst units\n"
      "Unit          Org type  Group       Violations  Required  Overdue   Done\n"
      "------------------------------------------------------------------------\n"
      "红星村党支部  村        第一督导组           2         1        1  20/21\n"
      "East Village  村        -                    1         1        0  13/13\n"
      "\n"
      "Violations\n"
      "Day         Unit          Member    Step      Kind    Severity  Rule                "
      "Message\n"
      "--------------------------------------------------------------------------------------------"
      "-----------------------------\n"
      "2005-07-09  East Village  -         动员大会  late    required  rules/x.lock:9:5    "
      "mobilization meeting held 2 days late\n"
      "2005-07-21  红星村党支部  张三      集中学习  late    advisory  rules/x.lock:13:10  study "
      "hours below 40\n"
      "2005-08-01  红星村党支部  欧阳晓明  集中学习  missed  required  rules/x.lock:12:5   "
      "集中学习未在期限内完成\n");
}

TEST_CASE("the summary comes before the details") {
  const std::string text = render_report_text(testing::fixture_report());
  const std::size_t phases = text.find("\nPhases\n");
  const std::size_t kinds = text.find("\nViolations by kind\n");
  const std::size_t worst = text.find("\nWorst units\n");
  const std::size_t details = text.find("\nViolations\n");
  REQUIRE(phases != std::string::npos);
  CHECK(phases < kinds);
  CHECK(kinds < worst);
  CHECK(worst < details);
  CHECK(text.find("\nForecast\n") > details);
}

TEST_CASE("no escape sequence without colour, and colour when asked") {
  const CampaignReport r = testing::fixture_report();
  CHECK(render_report_text(r).find('\x1b') == std::string::npos);
  TextReportOptions coloured;
  coloured.color = true;
  const std::string text = render_report_text(r, coloured);
  CHECK(text.find("\x1b[1m") != std::string::npos);
  CHECK(text.find("\x1b[31m") != std::string::npos);
}

TEST_CASE("details stop at max_details and say how many more there are") {
  const CampaignReport r = testing::fixture_report();
  REQUIRE(r.violations.size() > 5);
  TextReportOptions options;
  options.max_details = 5;
  const std::string text = render_report_text(r, options);
  CHECK(text.find("... and " + std::to_string(r.violations.size() - 5) + " more") !=
        std::string::npos);
  options.max_details = 0;
  CHECK(render_report_text(r, options).find("... and") == std::string::npos);
}

TEST_CASE("the script-like unit name is shown as text and the output is deterministic") {
  const CampaignReport r = testing::fixture_report();
  const std::string text = render_report_text(r);
  CHECK(text == render_report_text(r));
  CHECK(text.find("保持共产党员先进性教育活动（第二批）  (baoxian_b2)") == 0);
}
