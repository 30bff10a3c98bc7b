// `lockstep simulate`: the same seed gives byte-identical output and another seed another run;
// the exported log and roster replay to exactly the simulation's violations in every format;
// Monte Carlo forecasts are sane at the extremes; exit codes; scenario errors; the JSON schema.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/run_cli.h"

namespace lockstep::testing {
namespace {

const std::string kRules = "rules/baoxian_2005_township.lock";
const std::string kRoster = "samples/rosters/township_000.csv";
const std::string kScenario = "samples/scenarios/township_2005.scenario";

CliResult simulate(std::vector<std::string> extra) {
  std::vector<std::string> args = {"simulate", kRules, "--org", kRoster};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

}  // namespace

TEST_CASE("simulate: the same seed gives byte-identical output, another seed another run") {
  for (const char* format : {"text", "json"}) {
    CAPTURE(format);
    const CliResult a = simulate({"--scenario", kScenario, "--seed", "7", "--format", format});
    const CliResult b = simulate({"--scenario", kScenario, "--seed", "7", "--format", format});
    const CliResult c = simulate({"--scenario", kScenario, "--seed", "8", "--format", format});
    REQUIRE(a.exit_code == 1);
    CHECK(a.out == b.out);
    CHECK(a.out != c.out);
  }
}

TEST_CASE("simulate: Monte Carlo runs are deterministic too") {
  const CliResult a = simulate({"--scenario", kScenario, "--runs", "4", "--format", "json"});
  const CliResult b = simulate({"--scenario", kScenario, "--runs", "4", "--format", "json"});
  CHECK(a.out == b.out);
  CHECK(nlohmann::json::parse(a.out)["campaign"]["runs"] == 4);
}

TEST_CASE(
    "simulate: the exported log and roster replay to the simulation's report, burn-down too") {
  for (const char* ext : {"csv", "jsonl", "xes"}) {
    CAPTURE(ext);
    const std::string log = temp_path(std::string("run.") + ext);
    const std::string org = temp_path(std::string("org-for-") + ext + ".csv");
    const CliResult sim = simulate({"--scenario", kScenario, "--seed", "3", "--format", "json",
                                    "--export-log", log, "--export-org", org});
    REQUIRE(sim.exit_code == 1);
    const CliResult again =
        run_cli({"replay", kRules, "--org", org, "--events", log, "--format", "json"});
    CHECK(again.exit_code == sim.exit_code);
    const nlohmann::json s = nlohmann::json::parse(sim.out);
    const nlohmann::json r = nlohmann::json::parse(again.out);
    REQUIRE(s["violations"].size() > 0);
    CHECK(s["violations"] == r["violations"]);
    CHECK(s["cells"] == r["cells"]);
    // docs/simulate.md: the whole report is the same but for the source line (the burn-down was
    // left empty by replay once).
    REQUIRE(s["burn_down"]["series"].size() > 0);
    CHECK(without_source(sim.out) == without_source(again.out));
  }
}

TEST_CASE("simulate: a synthetic organization replays through its exported roster") {
  const std::string log = temp_path("synthetic.csv");
  const std::string org = temp_path("synthetic.json");
  const CliResult sim = run_cli({"simulate", kRules, "--synthetic", "300", "--scenario", kScenario,
                                 "--format", "json", "--export-log", log, "--export-org", org});
  REQUIRE(sim.exit_code != 2);
  const CliResult again =
      run_cli({"replay", kRules, "--org", org, "--events", log, "--format", "json"});
  CHECK(nlohmann::json::parse(sim.out)["violations"] ==
        nlohmann::json::parse(again.out)["violations"]);
}

TEST_CASE("simulate: nobody late, nobody skipping: every deadline is met with probability 1") {
  // The district: its roster has the supervision groups that approve the phases' gates.
  const CliResult r = run_cli(
      {"simulate", "rules/baoxian_2005_district.lock", "--org", "samples/rosters/district_002.csv",
       "--scenario", "samples/scenarios/on_time.scenario", "--runs", "5", "--format", "json"});
  CHECK(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  REQUIRE(j["forecasts"].size() > 0);
  for (const nlohmann::json& f : j["forecasts"]) CHECK(f["on_time_probability"] == 1.0);
  CHECK(j["violations"].empty());
  // The township too: its touring inspection groups approve its gates.
  const CliResult t = simulate(
      {"--scenario", "samples/scenarios/on_time.scenario", "--runs", "3", "--format", "json"});
  const nlohmann::json k = nlohmann::json::parse(t.out);
  for (const nlohmann::json& f : k["forecasts"]) CHECK(f["on_time_probability"] == 1.0);
  CHECK(k["violations"].empty());
}

TEST_CASE("simulate: a step everyone skips is missed with probability 1 in every unit") {
  const CliResult r = simulate({"--scenario", "samples/scenarios/skip_analysis.scenario", "--runs",
                                "5", "--format", "json"});
  CHECK(r.exit_code == 1);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  std::size_t seen = 0;
  for (const nlohmann::json& f : j["forecasts"])
    if (f["step"] == "analysis") {
      ++seen;
      CHECK(f["on_time_probability"] == 0.0);
    }
  CHECK(seen > 0);
}

TEST_CASE("simulate: --runs shows the forecasts in text, least likely to be on time first") {
  const CliResult r = simulate({"--scenario", kScenario, "--runs", "5"});
  REQUIRE(r.exit_code == 1);
  const std::size_t by_deadline = r.out.find("\nForecast by deadline\n");
  const std::size_t details = r.out.find("\nForecast\n");
  REQUIRE(by_deadline != std::string::npos);
  REQUIRE(details != std::string::npos);
  CHECK(by_deadline < r.out.find("\nViolations\n"));
  CHECK(r.out.find("Lowest P(on time)") != std::string::npos);
  CHECK(r.out.find("P(on time)", details) != std::string::npos);
  // One run has no forecast.
  CHECK(simulate({"--scenario", kScenario}).out.find("Forecast") == std::string::npos);
}

TEST_CASE("simulate: exit codes 0 clean, 1 violations, 2 bad input or usage") {
  CHECK(run_cli({"simulate", "rules/baoxian_2005_district.lock", "--org",
                 "samples/rosters/district_002.csv", "--scenario",
                 "samples/scenarios/on_time.scenario"})
            .exit_code == 0);
  CHECK(simulate({"--scenario", kScenario}).exit_code == 1);
  CHECK(simulate({"--scenario", "samples/scenarios/missing.scenario"}).exit_code == 2);
  CHECK(simulate({"--runs", "0"}).exit_code == 2);
  CHECK(simulate({"--format", "xml"}).exit_code == 2);
  CHECK(simulate({"--export-log", temp_path("log.txt")}).exit_code == 2);
  CHECK(run_cli({"simulate", kRules}).exit_code == 2);  // neither --org nor --synthetic
  CHECK(run_cli({"simulate", kRules, "--org", "samples/rosters/missing.csv"}).exit_code == 2);
}

TEST_CASE("simulate: scenario errors name file:line:column and what was expected") {
  const std::string path = temp_path("broken.scenario");
  write_file(path,
             "[default]\n"
             "late = 1.5\n"
             "[step analyse]\n"
             "[category leading_cadre]\n"
             "slower = fast\n");
  const CliResult r = simulate({"--scenario", path});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ":2:8") != std::string::npos);
  CHECK(r.err.find("expected a probability from 0 to 1, got '1.5'") != std::string::npos);
  CHECK(r.err.find(path + ":3:7") != std::string::npos);
  CHECK(r.err.find("unknown step 'analyse'") != std::string::npos);
  CHECK(r.err.find(path + ":5:10") != std::string::npos);
}

TEST_CASE("simulate: --html writes one self-contained page with the data and the forecasts") {
  const std::string page = temp_path("township.html");
  const CliResult r = simulate({"--scenario", kScenario, "--runs", "3", "--html", page});
  REQUIRE(r.exit_code == 1);
  const std::string html = read_file(page);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  CHECK(html.find("<script src=") == std::string::npos);  // everything inlined
  CHECK(html.find("<link ") == std::string::npos);
  CHECK(html.find("镇第二批保持共产党员先进性教育活动") != std::string::npos);
  CHECK(html.find("\"on_time_probability\"") != std::string::npos);
  CHECK(r.out.find("\nPhases\n") != std::string::npos);  // the text summary still on stdout
}

TEST_CASE("simulate: the JSON report has a top-level violations array, one object per violation") {
  const CliResult r = simulate({"--scenario", kScenario, "--format", "json"});
  const nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 1);
  REQUIRE(j["violations"].is_array());
  REQUIRE(j["violations"].size() > 0);
  for (const char* key :
       {"day", "unit", "member", "phase", "step", "kind", "severity", "rule", "message"})
    CHECK_MESSAGE(j["violations"][0].contains(key), key);
  CHECK(j["burn_down"]["series"].size() == j["phases"].size());
}

}  // namespace lockstep::testing
