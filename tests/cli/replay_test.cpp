// `lockstep replay`: every event log format gives the same report, a bad record stops the replay
// with file:line and applies nothing, --skip-invalid reports, counts and skips bad records, and an
// unsorted log is sorted stably. The logs are samples/events/bureau_001.* (one simulated run of
// the bureau branch of seed 001, exported in the three formats).
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/run_cli.h"

namespace lockstep::testing {
namespace {

const std::string kRules = "rules/baoxian_2005_bureau.lock";
const std::string kRoster = "samples/rosters/bureau_001.csv";
const std::string kLog = "samples/events/bureau_001";
const std::string kStart = "2005-01-10";  // the bureau's rules give no start date

CliResult replay(const std::string& log, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"replay",   kRules, "--org",   kRoster,
                                   "--events", log,    "--start", kStart};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

// The sample CSV log with `row` inserted as the record on line `line` (1 is the header).
std::string csv_with(const std::string& row, std::size_t line) {
  std::vector<std::string> lines = lines_of(read_file(LOCKSTEP_SOURCE_DIR "/" + kLog + ".csv"));
  lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(line - 1), row);
  return joined(lines);
}

// A CSV row of the sample's columns with these time, who and step.
std::string csv_row(const std::string& time, const std::string& who, const std::string& step) {
  std::istringstream columns(lines_of(read_file(LOCKSTEP_SOURCE_DIR "/" + kLog + ".csv"))[0]);
  std::string row;
  bool first = true;
  for (std::string c; std::getline(columns, c, ',');) {
    if (!first) row += ',';
    first = false;
    if (c == "time") row += time;
    if (c == "who") row += who;
    if (c == "step") row += step;
    if (c == "kind") row += "complete";
  }
  return row;
}

}  // namespace

TEST_CASE("replay: CSV, JSON Lines and XES logs of the same events give the same report") {
  const CliResult csv = replay(kLog + ".csv", {"--format", "json"});
  const CliResult jsonl = replay(kLog + ".jsonl", {"--format", "json"});
  const CliResult xes = replay(kLog + ".xes", {"--format", "json"});
  REQUIRE(csv.exit_code == 1);  // the sample run has late and skipped work
  CHECK(jsonl.exit_code == 1);
  CHECK(xes.exit_code == 1);
  CHECK(without_source(csv.out) == without_source(jsonl.out));
  CHECK(without_source(csv.out) == without_source(xes.out));
  const nlohmann::json j = nlohmann::json::parse(csv.out);
  CHECK(j["violations"].is_array());
  CHECK(j["violations"].size() > 0);
}

TEST_CASE(
    "replay: a CSV record naming an unknown member is a file:line error and nothing is applied") {
  const std::string path = temp_path("unknown_member.csv");
  write_file(path, csv_with(csv_row("2005-01-20", "nobody", "learn"), 3));
  const CliResult r = replay(path, {"--format", "json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ":3:") != std::string::npos);
  CHECK(r.err.find("unknown member 'nobody'") != std::string::npos);
}

TEST_CASE("replay: a CSV record with a bad date is a file:line error and nothing is applied") {
  const std::string path = temp_path("bad_date.csv");
  write_file(path, csv_with(csv_row("2005-13-40", "ld0001", "learn"), 5));
  const CliResult r = replay(path);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ":5:") != std::string::npos);
}

TEST_CASE("replay: a bad JSON line is a file:line error and nothing is applied") {
  std::vector<std::string> lines = lines_of(read_file(LOCKSTEP_SOURCE_DIR "/" + kLog + ".jsonl"));
  lines.insert(lines.begin() + 1, R"({"time":"2005-01-20","who":"ld0001","step":"no_such_step"})");
  lines.insert(lines.begin() + 3, R"({"time":"2005-01-20","who":"ld0001",)");
  const std::string path = temp_path("bad.jsonl");
  write_file(path, joined(lines));
  const CliResult r = replay(path, {"--format", "json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ":4:") != std::string::npos);  // the reader stops at the broken line
}

TEST_CASE("replay: a bad XES event is a file:line error and nothing is applied") {
  const std::string path = LOCKSTEP_SOURCE_DIR "/tests/cli/data/unknown_step.xes";
  const CliResult r = replay(path, {"--format", "json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("unknown_step.xes:15:") != std::string::npos);
  CHECK(r.err.find("unknown step 'analyse'") != std::string::npos);
}

TEST_CASE("replay: --skip-invalid reports each bad record at file:line, counts and skips them") {
  const std::string path = temp_path("two_bad.csv");
  std::vector<std::string> lines = lines_of(csv_with(csv_row("2005-01-20", "nobody", "learn"), 3));
  lines.insert(lines.begin() + 6, csv_row("2005-01-20", "ld0001", "no_such_step"));
  write_file(path, joined(lines));
  const CliResult r = replay(path, {"--skip-invalid", "--format", "json"});
  const CliResult clean = replay(kLog + ".csv", {"--format", "json"});
  CHECK(r.exit_code == clean.exit_code);
  CHECK(r.err.find(path + ":3:") != std::string::npos);
  CHECK(r.err.find(path + ":7:") != std::string::npos);
  CHECK(r.err.find("2 invalid record(s) skipped") != std::string::npos);
  CHECK(without_source(r.out) == without_source(clean.out));
}

TEST_CASE("replay: an unsorted log is sorted stably before it is applied") {
  std::vector<std::string> lines = lines_of(read_file(LOCKSTEP_SOURCE_DIR "/" + kLog + ".csv"));
  REQUIRE(lines.size() > 100);
  // Latest day first, events of one day still in their written order: a stable sort by time
  // must give back exactly the sample's order, hence exactly its report.
  std::stable_sort(lines.begin() + 1, lines.end(), [](const std::string& a, const std::string& b) {
    return a.substr(0, 10) > b.substr(0, 10);
  });
  const std::string path = temp_path("latest_first.csv");
  write_file(path, joined(lines));
  const CliResult unsorted = replay(path, {"--format", "json"});
  const CliResult sorted = replay(kLog + ".csv", {"--format", "json"});
  CHECK(unsorted.exit_code == sorted.exit_code);
  CHECK(without_source(unsorted.out) == without_source(sorted.out));
}

// A branch step done three times by its deadline, the rules and roster of the idempotency tests.
const char* kRepeatRules =
    "campaign c \"C\" {\n  start 2005-07-01\n  orgtype ot \"OT\"\n"
    "  phase p1 \"P1\" from start, 30d {\n    step plan \"Plan\" by branch repeat >= 3\n  }\n}\n";
const char* kRepeatRoster =
    "# unit,id,parent,level,org_type,display_name,leadership\n"
    "unit,top,,top,ot,Top,yes\nunit,b1,top,branch,ot,B1,no\n";

CliResult replay_repeats(const std::string& name, const std::string& log,
                         std::vector<std::string> extra = {}) {
  const std::string rules = temp_path(name + ".lock"), roster = temp_path(name + ".csv"),
                    events = temp_path(name + "-events.csv");
  write_file(rules, kRepeatRules);
  write_file(roster, kRepeatRoster);
  write_file(events, log);
  std::vector<std::string> args = {"replay",   rules,  "--org",    roster,
                                   "--events", events, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

TEST_CASE("replay: the same idempotency key twice is one event, as in the journal") {
  const CliResult r = replay_repeats("same-key",
                                     "time,who,kind,step,key\n2005-07-02,b1,complete,plan,k1\n"
                                     "2005-07-02,b1,complete,plan,k1\n"
                                     "2005-07-03,b1,complete,plan,k2\n");
  REQUIRE(r.exit_code == 1);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  bool too_few = false;
  for (const auto& v : j["violations"]) too_few |= v["kind"] == "too_few_repetitions";
  CHECK(too_few);  // two completions, not three
}

TEST_CASE("replay: a key repeated with other content is an error with the journal's wording") {
  const std::string log =
      "time,who,kind,step,key\n2005-07-02,b1,complete,plan,k1\n"
      "2005-07-04,b1,complete,plan,k1\n2005-07-03,b1,complete,plan,k2\n";
  const CliResult r = replay_repeats("other-content", log);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("-events.csv:3:1: error[V101]: idempotency key 'k1' already names a different "
                   "event (line 2)") != std::string::npos);
  const CliResult skipped = replay_repeats("other-content-skipped", log, {"--skip-invalid"});
  CHECK(skipped.exit_code == 1);
  CHECK(skipped.err.find("warning[V101]") != std::string::npos);
  CHECK(skipped.err.find("1 invalid record(s) skipped") != std::string::npos);
}

TEST_CASE("replay: usage and unreadable input exit 2") {
  CHECK(replay("samples/events/missing.csv").exit_code == 2);
  CHECK(replay(kRoster + ".txt").exit_code == 2);  // no known extension
  CHECK(replay(kLog + ".csv", {"--format", "xml"}).exit_code == 2);
  CHECK(run_cli({"replay", kRules, "--org", kRoster, "--start", kStart}).exit_code == 2);
  CHECK(run_cli({"replay", "rules/missing.lock", "--org", kRoster, "--events", kLog + ".csv"})
            .exit_code == 2);
  CHECK(run_cli({"replay", kRules, "--org", kRoster, "--events", kLog + ".csv"}).exit_code ==
        2);  // no start date in the rules nor on the command line
}

}  // namespace lockstep::testing
