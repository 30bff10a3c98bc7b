// The JSON report: schema_version 1 as documented in docs/reports.md, determinism, bad text.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "lockstep/report.h"
#include "tests/report/fixture.h"

using namespace lockstep;
using nlohmann::json;

TEST_CASE("the JSON has the documented top-level keys in a fixed order") {
  const json j = json::parse(render_report_json(testing::tiny_report()));
  std::vector<std::string> keys;
  // nlohmann::json sorts keys; the text's own order is checked below.
  for (const auto& [key, value] : j.items()) keys.push_back(key);
  CHECK(j["schema_version"] == 1);
  const std::string text = render_report_json(testing::tiny_report());
  const std::vector<std::string> order = {
      "schema_version", "campaign", "summary", "violations", "org_types", "supervision_groups",
      "phases",         "steps",    "units",   "cells",      "burn_down", "forecasts"};
  std::size_t last = 0;
  for (const std::string& key : order) {
    const std::size_t at = text.find("\n  \"" + key + "\":");
    REQUIRE_MESSAGE(at != std::string::npos, key);
    CHECK_MESSAGE(at > last, key);
    last = at;
  }
  CHECK(keys.size() == order.size());
}

TEST_CASE("violations is a top-level array with one object per violation, by day") {
  const json j = json::parse(render_report_json(testing::tiny_report()));
  REQUIRE(j["violations"].is_array());
  REQUIRE(j["violations"].size() == 3);
  const json& first = j["violations"][0];
  CHECK(first == json::parse(R"({"day": "2005-07-09", "unit": "east", "member": null,
      "member_name": null, "phase": "study", "step": "mobilize", "kind": "late",
      "severity": "required", "rule": "rules/x.lock:9:5",
      "message": "mobilization meeting held 2 days late"})"));
  CHECK(j["violations"][2]["member_name"] == "欧阳晓明");
  CHECK(j["violations"][1]["severity"] == "advisory");
}

TEST_CASE("the summary carries rates, counts by kind and the worst units") {
  const json j = json::parse(render_report_json(testing::tiny_report()));
  const json& s = j["summary"];
  CHECK(s["on_time_rate"] == 0.8485);
  CHECK(s["violations"] == 3);
  CHECK(s["required_violations"] == 2);
  CHECK(s["phases"][0]["phase"] == "study");
  CHECK(s["phases"][0]["overdue"] == 1);
  CHECK(s["violations_by_kind"][1] ==
        json::parse(R"({"kind":"missed","required":1,"advisory":0})"));
  CHECK(s["worst_units"][0]["unit"] == "hx");
  CHECK(s["supervision_groups"][1]["supervision_group"].is_null());
  CHECK(j["campaign"]["start"] == "2005-07-01");
  CHECK(j["cells"][1]["completed"].is_null());
  CHECK(j["burn_down"]["first_day"].is_null());
}

TEST_CASE("the same report gives the same bytes, whatever the order violations came in") {
  const CampaignReport r = testing::fixture_report();
  const std::string once = render_report_json(r);
  CHECK(render_report_json(r) == once);
  CampaignReport shuffled = r;
  std::reverse(shuffled.violations.begin(), shuffled.violations.end());
  // The fixture has no two violations of the same day, unit, step and member, so the sorted
  // list cannot depend on the order they were given in.
  CHECK(json::parse(render_report_json(shuffled))["violations"] == json::parse(once)["violations"]);
}

TEST_CASE("text that is not UTF-8 is written with replacement characters, not an exception") {
  CampaignReport r = testing::tiny_report();
  r.campaign_name = "bad \xFF name";
  r.violations[0].message = "\xC0\xAF";
  std::string text;
  CHECK_NOTHROW(text = render_report_json(r));
  const json j = json::parse(text);
  CHECK(j["campaign"]["name"] == "bad \xEF\xBF\xBD name");
}

TEST_CASE("a report with nothing in it is still valid JSON with every key") {
  const json j = json::parse(render_report_json(CampaignReport{}));
  CHECK(j["violations"].empty());
  CHECK(j["summary"]["on_time_rate"].is_null());
  CHECK(j["campaign"]["start"].is_null());
  CHECK(j["burn_down"]["series"].empty());
}
