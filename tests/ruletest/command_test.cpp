// `lockstep test` end to end: exit codes (0 all pass, 1 a failure, 2 bad input), the pass / FAIL
// lines and the summary, the diagnostics of a bad file on stderr, the JSON for CI, and the same
// output twice for the same files.
#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/cli/run_cli.h"

namespace lockstep::testing {
namespace {

// A test file in this process's temp directory, whose rules are the township's.
std::string write_test(const std::string& name, const std::string& body) {
  const std::string path = temp_path(name);
  write_file(path, "rules " LOCKSTEP_SOURCE_DIR
                   "/rules/baoxian_2005_township.lock\n"
                   "roster\n"
                   "  unit,qingshi,,top,township_organ,中共青石镇委员会,yes\n"
                   "  unit,jg1,qingshi,branch,township_organ,镇机关第一党支部,no\n" +
                       body);
  return path;
}

const std::string kLate =
    "test \"双找 late\"\n"
    "  events\n"
    "    2005-07-20,jg1,complete,find_members\n"
    "  until 2005-07-31\n";

}  // namespace

TEST_CASE("lockstep test rules/tests: the seed campaigns' tests pass") {
  const CliResult r = run_cli({"test", "rules/tests"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("pass  rules/tests/township_000.locktest:") != std::string::npos);
  CHECK(r.out.find(" passed, 0 failed\n") != std::string::npos);
  CHECK(r.out.find("coverage of rules/baoxian_2005_township.lock: ") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("a failing test: exit 1, FAIL with the diff, the summary line") {
  const std::string path =
      write_test("fail.locktest", kLate + "  expect no violations of step find_members\n");
  const CliResult r = run_cli({"test", path, "--coverage", "none"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("FAIL  " + path + ":5  双找 late\n") != std::string::npos);
  CHECK(r.out.find("unexpected  violation late step find_members unit jg1 day 2005-07-20 "
                   "(" LOCKSTEP_SOURCE_DIR
                   "/rules/baoxian_2005_township.lock:38:") != std::string::npos);
  CHECK(r.out.find("not allowed by `expect no violations of step find_members` (" + path + ":9)") !=
        std::string::npos);
  CHECK(r.out.find("\n0 passed, 1 failed\n") != std::string::npos);
  CHECK(r.out.find("coverage of") == std::string::npos);
}

TEST_CASE("a bad test file: exit 2 and its diagnostics with a caret on stderr") {
  const std::string path = write_test("bad.locktest", "test t\n  expct no violations\n");
  const CliResult r = run_cli({"test", path});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(path + ":6:3: error[T004]: unknown directive 'expct'") != std::string::npos);
  CHECK(r.err.find("^^^^^ not a directive") != std::string::npos);
  CHECK(r.out.find("0 passed, 0 failed, 1 input with errors\n") != std::string::npos);
}

TEST_CASE("a path that does not exist is bad input") {
  const CliResult r = run_cli({"test", "no/such/dir"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no/such/dir: error[T001]: no such file or directory") != std::string::npos);
}

TEST_CASE("--format json: one object with tests, totals and coverage, the same twice") {
  const std::string path =
      write_test("json.locktest", kLate + "  expect violation late step find_members\n" +
                                      "test \"also late\"\n"
                                      "  events\n"
                                      "    2005-07-21,jg1,complete,find_members\n"
                                      "  until 2005-07-31\n"
                                      "  expect violation late step find_members day 2005-07-22\n");
  const CliResult r = run_cli({"test", path, "--format", "json"});
  CHECK(r.exit_code == 1);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  REQUIRE(j["tests"].size() == 2);
  CHECK(j["tests"][0]["name"] == "双找 late");
  CHECK(j["tests"][0]["file"] == path);
  CHECK(j["tests"][0]["line"] == 5);
  CHECK(j["tests"][0]["status"] == "pass");
  CHECK(j["tests"][1]["status"] == "fail");
  REQUIRE(j["tests"][1]["failures"].size() == 1);
  CHECK(j["tests"][1]["failures"][0]["kind"] == "missing");
  CHECK(j["tests"][1]["failures"][0]["line"] == 14);
  CHECK(j["totals"]["passed"] == 1);
  CHECK(j["totals"]["failed"] == 1);
  CHECK(j["exit_code"] == 1);
  REQUIRE(j["coverage"].size() == 1);
  CHECK(j["coverage"][0]["steps"]["exercised"] == 1);
  CHECK(j["coverage"][0]["not_exercised"][0]["what"] == "step");
  CHECK(run_cli({"test", path, "--format", "json"}).out == r.out);
}

TEST_CASE("directories are searched recursively, in sorted order") {
  const std::string dir = temp_path("suite");
  const std::string sub = dir + "/b";
  std::filesystem::create_directories(sub);
  const std::string body = kLate + "  expect violation late step find_members\n";
  write_file(dir + "/c.locktest", read_file(write_test("c.tmp", body)));
  write_file(sub + "/a.locktest", read_file(write_test("a.tmp", body)));
  write_file(dir + "/ignored.txt", "not a test");
  const CliResult r = run_cli({"test", dir, "--coverage", "summary"});
  CHECK(r.exit_code == 0);
  const std::size_t a = r.out.find(sub + "/a.locktest");
  const std::size_t c = r.out.find(dir + "/c.locktest");
  CHECK(a != std::string::npos);
  CHECK(c != std::string::npos);
  CHECK(a < c);
  CHECK(r.out.find("2 passed, 0 failed\n") != std::string::npos);
}

}  // namespace lockstep::testing
