// `lockstep status --at DATE`: only the events up to the date count, the clock stands at the
// date, the summary comes first; a bad date is a usage error.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/run_cli.h"

namespace lockstep::testing {
namespace {

CliResult status(const std::string& at, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"status",   "rules/baoxian_2005_bureau.lock",
                                   "--org",    "samples/rosters/bureau_001.csv",
                                   "--events", "samples/events/bureau_001.csv",
                                   "--start",  "2005-01-10",
                                   "--at",     at};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_cli(args);
}

std::uint64_t done(const nlohmann::json& report) {
  std::uint64_t n = 0;
  for (const nlohmann::json& c : report["cells"])
    n += c["on_time"].get<std::uint64_t>() + c["late"].get<std::uint64_t>();
  return n;
}

}  // namespace

TEST_CASE("status: the report stands at --at and counts only the events up to it") {
  const CliResult early = status("2005-02-01", {"--format", "json"});
  const CliResult later = status("2005-04-01", {"--format", "json"});
  REQUIRE(early.exit_code != 2);
  REQUIRE(later.exit_code != 2);
  const nlohmann::json a = nlohmann::json::parse(early.out);
  const nlohmann::json b = nlohmann::json::parse(later.out);
  CHECK(a["campaign"]["as_of"] == "2005-02-01");
  CHECK(b["campaign"]["as_of"] == "2005-04-01");
  CHECK(done(a) > 0);
  CHECK(done(a) < done(b));
  for (const nlohmann::json& v : a["violations"]) CHECK(v["day"] <= "2005-02-01");
}

TEST_CASE("status: the text puts the summary first, then every unit") {
  const CliResult r = status("2005-03-15");
  REQUIRE(r.exit_code != 2);
  const std::size_t phases = r.out.find("\nPhases\n");
  REQUIRE(phases != std::string::npos);
  CHECK(r.out.find("as of 2005-03-15") < phases);
  const std::size_t units = r.out.find("\nUnits\n");
  REQUIRE(units != std::string::npos);
  CHECK(phases < units);
  CHECK(r.out.find("区劳动和社会保障局党支部", units) != std::string::npos);  // every unit, by name
}

TEST_CASE("status: before anything is due nothing is late, and a bad date or no --at exits 2") {
  CHECK(status("2005-01-10").exit_code == 0);
  CHECK(status("2005-02-30").exit_code == 2);
  CHECK(status("yesterday").exit_code == 2);
  CHECK(run_cli({"status", "rules/baoxian_2005_bureau.lock", "--org",
                 "samples/rosters/bureau_001.csv", "--events", "samples/events/bureau_001.csv",
                 "--start", "2005-01-10"})
            .exit_code == 2);
}

}  // namespace lockstep::testing
