// The scenario reader (sim/scenario.h): every section and key lands where it should, and every
// mistake is an error at the line and column of the offending token, with no scenario returned.
#include <doctest/doctest.h>

#include "lockstep/rules.h"
#include "sim/scenario.h"

namespace lockstep::sim {
namespace {

const CampaignModel& district() {
  static const CampaignModel model = [] {
    RulesResult r = compile_rules_file(LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_district.lock");
    REQUIRE(r.model);
    return std::move(*r.model);
  }();
  return model;
}

std::uint32_t index_of(const auto& items, const std::string& id) {
  for (std::uint32_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return i;
  FAIL("no " << id);
  return 0;
}

// The single error of parsing `text`, as "line:column message".
std::string only_error(const std::string& text) {
  ScenarioResult r = parse_scenario_text("s.scenario", text, district());
  CHECK_FALSE(r.scenario);
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.code == "S001");
  return std::to_string(d.span.line) + ":" + std::to_string(d.span.column) + " " + d.message;
}

}  // namespace

TEST_CASE("scenario: every key of every section is read into the scenario") {
  const CampaignModel& m = district();
  ScenarioResult r = parse_scenario_text("s.scenario",
                                         "# comment\n"
                                         "[default]\n"
                                         "duration = uniform 2 6   # days\n"
                                         "late = 0.1\n"
                                         "late_by = fixed 3\n"
                                         "skip = 0.02\n"
                                         "out_of_order = 0.03\n"
                                         "\n"
                                         "[step analysis]\n"
                                         "duration = triangular 5 10 20\n"
                                         "skip = 1\n"
                                         "[category mobile]\n"
                                         "slower = 2\n"
                                         "[org_type enterprise]\n"
                                         "slower = 1.2\n"
                                         "season = 2005-11-15 2005-12-31 1.5\n"
                                         "season = 2006-01-01 2006-01-31 1.1\r\n",
                                         m);
  for (const Diagnostic& d : r.diagnostics) INFO(render_text(d, r.files));
  REQUIRE(r.scenario);
  const Scenario& s = *r.scenario;
  const StepBehaviour& learn = s.steps[index_of(m.steps, "learn")];
  CHECK(learn.duration.kind == Distribution::Kind::kUniform);
  CHECK(learn.duration.min == 2);
  CHECK(learn.duration.max == 6);
  CHECK(learn.late == 0.1);
  CHECK(learn.late_by.kind == Distribution::Kind::kFixed);
  CHECK(learn.late_by.min == 3);
  CHECK(learn.skip == 0.02);
  CHECK(learn.out_of_order == 0.03);
  const StepBehaviour& analysis = s.steps[index_of(m.steps, "analysis")];
  CHECK(analysis.duration.kind == Distribution::Kind::kTriangular);
  CHECK(analysis.duration.mode == 10);
  CHECK(analysis.skip == 1);
  CHECK(analysis.late == 0.1);  // the default still applies to what the step does not set
  CHECK(s.category_factor[index_of(m.categories, "mobile")] == 2);
  CHECK(s.category_factor[index_of(m.categories, "away")] == 1);
  const std::uint32_t enterprise = index_of(m.org_types, "enterprise");
  CHECK(s.org_type_factor[enterprise] == 1.2);
  REQUIRE(s.org_type_seasons[enterprise].size() == 2);
  CHECK(s.org_type_seasons[enterprise][0].factor == 1.5);
  CHECK(s.org_type_seasons[enterprise][1].to - s.org_type_seasons[enterprise][1].from == 30);
}

TEST_CASE("scenario: the default scenario has one behaviour per step and neutral factors") {
  const Scenario s = default_scenario(district());
  CHECK(s.steps.size() == district().steps.size());
  for (double f : s.category_factor) CHECK(f == 1);
  for (double f : s.org_type_factor) CHECK(f == 1);
  for (const StepBehaviour& b : s.steps) CHECK(b.late + b.skip + b.out_of_order == 0);
}

TEST_CASE("scenario: errors point at the offending token and say what was expected") {
  CHECK(only_error("late = 0.1\n") == "1:1 expected a '[section]' before any key");
  CHECK(only_error("[default\n") == "1:1 expected ']' to close the section");
  CHECK(only_error("[defaults]\n") ==
        "1:2 expected a section: [default], [step ID], [category ID], [org_type ID]");
  CHECK(only_error("[step]\n") == "1:2 expected '[step ID]'");
  CHECK(only_error("[step analyse]\n") == "1:7 unknown step 'analyse' in the campaign");
  CHECK(only_error("[category cadre]\n") == "1:11 unknown category 'cadre' in the campaign");
  CHECK(only_error("[org_type village]\n") == "1:11 unknown org_type 'village' in the campaign");
  CHECK(only_error("[default]\nlate 0.1\n") == "2:1 expected 'key = value' or a '[section]'");
  CHECK(only_error("[default]\nlate = 1.5\n") ==
        "2:8 expected a probability from 0 to 1, got '1.5'");
  CHECK(only_error("[default]\nlate = 0.1 0.2\n") == "2:12 'late' takes one value");
  CHECK(only_error("[default]\nspeed = 2\n") ==
        "2:1 expected a key: duration, late, late_by, skip, out_of_order");
  CHECK(only_error("[default]\nduration = normal 3 1\n") ==
        "2:12 expected fixed N, uniform MIN MAX or triangular MIN MODE MAX");
  CHECK(only_error("[default]\nduration = uniform 3\n") ==
        "2:1 'uniform' takes 2 number(s) of days");
  CHECK(only_error("[default]\nduration = triangular 5 2 9\n") ==
        "2:23 expected MIN <= MODE <= MAX");
  CHECK(only_error("[default]\nduration = fixed 4000\n") ==
        "2:18 expected a number of days from 0 to 3650, got '4000'");
  CHECK(only_error("[category mobile]\nlate = 0.5\n") == "2:1 expected the key: slower");
  CHECK(only_error("[category mobile]\nslower = 0\n") ==
        "2:10 expected a factor from 0.01 to 100, got '0'");
  CHECK(only_error("[org_type enterprise]\nseason = 2005-11-15 1.5\n") ==
        "2:10 expected 'season = FROM TO FACTOR'");
  CHECK(only_error("[org_type enterprise]\nseason = 2005-11-15 2005-11-01 1.5\n") ==
        "2:21 expected a date YYYY-MM-DD, not before FROM");
  CHECK(only_error("[org_type enterprise]\nseason = 2005-02-30 2005-03-01 1.5\n") ==
        "2:10 expected a date YYYY-MM-DD");
}

TEST_CASE("scenario: every error of a file is reported, and none is returned") {
  ScenarioResult r = parse_scenario_text(
      "s.scenario", "[default]\nlate = 2\nskip = x\n[step nope]\nlate = 0.1\n", district());
  CHECK_FALSE(r.scenario);
  REQUIRE(r.diagnostics.size() == 3);  // the keys of a bad section are not reported again
  CHECK(r.diagnostics[0].span.line == 2);
  CHECK(r.diagnostics[1].span.line == 3);
  CHECK(r.diagnostics[2].span.line == 4);
  CHECK(render_text(r.diagnostics[0], r.files).find("s.scenario:2:8") != std::string::npos);
}

TEST_CASE("scenario: an unreadable file is S000") {
  ScenarioResult r = read_scenario_file("/nonexistent/x.scenario", district());
  CHECK_FALSE(r.scenario);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "S000");
}

TEST_CASE("scenario: the sample scenarios read cleanly against their campaigns") {
  const std::pair<const char*, const char*> samples[] = {
      {"baoxian_2005_township.lock", "township_2005.scenario"},
      {"baoxian_2005_township.lock", "on_time.scenario"},
      {"baoxian_2005_township.lock", "skip_analysis.scenario"},
      {"baoxian_2005_district.lock", "district_2005.scenario"},
      {"xuexi_2008_batch3_village.lock", "village_2008_harvest.scenario"},
  };
  for (const auto& [rules, scenario] : samples) {
    CAPTURE(scenario);
    RulesResult m = compile_rules_file(std::string(LOCKSTEP_SOURCE_DIR "/rules/") + rules);
    REQUIRE(m.model);
    ScenarioResult r = read_scenario_file(
        std::string(LOCKSTEP_SOURCE_DIR "/samples/scenarios/") + scenario, *m.model);
    for (const Diagnostic& d : r.diagnostics) INFO(render_text(d, r.files));
    CHECK(r.scenario);
    CHECK(r.diagnostics.empty());
  }
}

}  // namespace lockstep::sim
