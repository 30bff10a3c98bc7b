// The CSV report: the header is the schema, RFC 4180 quoting, the JSON's order, determinism.
#include <doctest/doctest.h>

#include "lockstep/report.h"
#include "tests/report/fixture.h"

using namespace lockstep;

TEST_CASE("one row per violation under the documented header, by day") {
  const std::string csv = render_report_csv(testing::tiny_report());
  CHECK(csv ==
        "day,unit,unit_name,member,member_name,phase,phase_name,step,step_name,kind,severity,rule,"
        "message\n"
        "2005-07-09,east,East Village,,,study,学习调研,mobilize,动员大会,late,required,"
        "rules/x.lock:9:5,mobilization meeting held 2 days late\n"
        "2005-07-21,hx,红星村党支部,m03,张三,study,学习调研,learn,集中学习,late,advisory,"
        "rules/x.lock:13:10,study hours below 40\n"
        "2005-08-01,hx,红星村党支部,m07,欧阳晓明,study,学习调研,learn,集中学习,missed,required,"
        "rules/x.lock:12:5,集中学习未在期限内完成\n");
}

TEST_CASE("fields with commas, quotes or line breaks are quoted, quotes doubled") {
  CampaignReport r = testing::tiny_report();
  r.violations.resize(1);
  r.violations[0].message = "said \"no\", then\nleft";
  r.units[0].display_name = "红星村,一组";
  const std::string csv = render_report_csv(r);
  CHECK(csv.find(",\"said \"\"no\"\", then\nleft\"\n") != std::string::npos);
  CHECK(csv.find(",\"红星村,一组\",") != std::string::npos);
}

TEST_CASE("a phase's own rule has no step, and bad UTF-8 is replaced") {
  CampaignReport r = testing::tiny_report();
  r.violations.resize(1);
  r.violations[0].step = kNoIndex;
  r.violations[0].member_name.assign(1, '\xFF');
  const std::string csv = render_report_csv(r);
  CHECK(csv.find(",study,学习调研,,,missed,") != std::string::npos);
  CHECK(csv.find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(csv.find("\xFF") == std::string::npos);
}

TEST_CASE("the CSV of the same report is byte-identical") {
  const CampaignReport r = testing::fixture_report();
  const std::string csv = render_report_csv(r);
  CHECK(render_report_csv(r) == csv);
  std::size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  CHECK(lines == r.violations.size() + 1);
}
