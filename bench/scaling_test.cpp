// The scaling report: sizes in order, cost per member computed from the best pass, and bars that
// stay level when the cost per member does.
#include <doctest/doctest.h>

#include "bench/scaling.h"

using namespace lockstep::bench;

namespace {

ContenderResult result(std::string name, std::uint64_t members, double seconds) {
  ContenderResult r;
  r.name = std::move(name);
  r.timed.members = members;
  r.timed.events = members * 6;
  r.best_seconds = seconds;
  r.best_cpu_seconds = seconds / 2;  // as if the machine were busy half the time
  r.events_per_second = static_cast<double>(r.timed.events) / seconds;
  return r;
}

}  // namespace

TEST_CASE(
    "scaling: flat cost per member gives equal bars, sizes ascending, known contenders first") {
  const std::vector<ContenderResult> results = {result("raw", 1'000'000, 0.002),
                                                result("raw", 10'000, 0.00002),
                                                result("msm", 10'000, 0.0001)};
  const std::string text = render_scaling(results);
  CHECK(text.find("msm") < text.find("raw"));
  CHECK(text.find("  10^4.0  |" + std::string(50, '#') + "| 1.00 ns") != std::string::npos);
  CHECK(text.find("  10^6.0  |" + std::string(50, '#') + "| 1.00 ns") != std::string::npos);
  CHECK(text.find("10^4.0  |" + std::string(50, '#') + "| 5.00 ns") != std::string::npos);
  CHECK(
      render_scaling_json(results) ==
      R"({"scaling":{"msm":[[10000,10.0,5.0,600000000,1,0.0]],"raw":[[10000,2.0,1.0,3000000000,1,)"
      R"(0.0],[1000000,2.0,1.0,3000000000,1,0.0]]}})");
}

TEST_CASE("scaling: a cost per member that doubles shows as a half bar at the cheaper size") {
  const std::string text =
      render_scaling({result("raw", 10'000, 0.00001), result("raw", 100'000, 0.0002)});
  CHECK(text.find("|" + std::string(25, '#') + std::string(25, ' ') + "| 0.50 ns") !=
        std::string::npos);
}

TEST_CASE("scaling: rounds of one size merge into the best, with the slowest round as the spread") {
  // Three rounds at 10^4 (the second the fastest), one at 10^5.
  const std::vector<ContenderResult> results = {
      result("raw", 10'000, 0.00003), result("raw", 10'000, 0.00002),
      result("raw", 100'000, 0.0002), result("raw", 10'000, 0.000025)};
  const std::string text = render_scaling(results);
  // One row per size, 10^4 first, with the best round's 1.00 CPU ns per member; the slowest
  // round took 50% longer.
  CHECK(text.find("raw               10000") < text.find("raw              100000"));
  CHECK(text.find("raw               10000", text.find("raw               10000") + 1) ==
        std::string::npos);
  CHECK(text.find("      2.000        1.000       3      50%") != std::string::npos);
  CHECK(text.find("  10^4.0  |" + std::string(50, '#') + "| 1.00 ns") != std::string::npos);
  CHECK(
      render_scaling_json(results) ==
      R"({"scaling":{"raw":[[10000,2.0,1.0,3000000000,3,50.0],[100000,2.0,1.0,3000000000,1,0.0]]}})");
}
