// The HTML report: self-contained, data escaped so that no display name can break the page.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "lockstep/report.h"
#include "tests/report/fixture.h"

using namespace lockstep;

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The text of the <script type="application/json"> element.
std::string embedded_json(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"lockstep-data\">";
  const std::size_t begin = html.find(open);
  REQUIRE(begin != std::string::npos);
  const std::size_t end = html.find("</script>", begin);
  REQUIRE(end != std::string::npos);
  return html.substr(begin + open.size(), end - begin - open.size());
}

}  // namespace

TEST_CASE("the page has exactly its own three scripts, whatever the names hold") {
  const std::string html = render_report_html(testing::fixture_report());
  // The fixture has a unit named "</script><script>alert('x')</script>村".
  CHECK(count(html, "<script") == 3);
  CHECK(count(html, "</script") == 3);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("\\u003c/script\\u003e\\u003cscript\\u003ealert('x')") != std::string::npos);
}

TEST_CASE("the embedded data is the JSON report, read back unchanged") {
  const CampaignReport r = testing::fixture_report();
  const std::string html = render_report_html(r);
  const nlohmann::json embedded = nlohmann::json::parse(embedded_json(html));
  CHECK(embedded == nlohmann::json::parse(render_report_json(r)));
  CHECK(embedded["units"][6]["name"] == "</script><script>alert('x')</script>村");
  CHECK(embedded["units"][7]["name"] == "中学党总支 & 团委 \"联合\"");
}

TEST_CASE("the title is HTML-escaped and the page needs nothing from outside") {
  CampaignReport r = testing::tiny_report();
  r.campaign_name = "<b>学习</b> & \"实践\"";
  const std::string html = render_report_html(r);
  CHECK(
      html.find("<title>&lt;b&gt;学习&lt;/b&gt; &amp; &quot;实践&quot; \u2014 Lockstep</title>") !=
      std::string::npos);
  for (const char* slot : {"{{title}}", "{{style}}", "{{data}}", "{{echarts}}", "{{script}}"})
    CHECK_MESSAGE(html.find(slot) == std::string::npos, slot);
  CHECK(html.find("<script src") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.find("echarts") != std::string::npos);  // the library is inlined
  CHECK(html.size() > 1000000);
}

TEST_CASE("the same report gives the same HTML") {
  const CampaignReport r = testing::fixture_report();
  CHECK(render_report_html(r) == render_report_html(r));
}
