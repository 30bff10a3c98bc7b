// Rendering of the scaling run (scaling.h).
#include "bench/scaling.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace lockstep::bench {
namespace {

constexpr int kBarWidth = 50;

double per_member(double seconds, const ContenderResult& r) {
  return r.timed.members == 0 ? 0 : seconds * 1e9 / static_cast<double>(r.timed.members);
}
double ns_per_member(const ContenderResult& r) {
  return per_member(r.best_seconds, r);
}
double cpu_ns_per_member(const ContenderResult& r) {
  return per_member(r.best_cpu_seconds, r);
}

// Results grouped by contender, in the report's order, each group by ascending size, the rounds
// of one size merged (merge_rounds).
std::vector<std::pair<std::string, std::vector<ContenderResult>>> by_contender(
    const std::vector<ContenderResult>& results) {
  const std::vector<std::string> known = {"engine", "xstate", "msm", "raw"};
  std::map<std::string, std::vector<ContenderResult>> groups;
  for (ContenderResult& r : merge_rounds(results)) groups[r.name].push_back(std::move(r));
  std::vector<std::pair<std::string, std::vector<ContenderResult>>> out;
  for (const std::string& name : known)
    if (auto it = groups.find(name); it != groups.end()) out.emplace_back(name, it->second);
  for (const auto& [name, group] : groups)
    if (std::find(known.begin(), known.end(), name) == known.end()) out.emplace_back(name, group);
  for (auto& [name, group] : out)
    std::stable_sort(group.begin(), group.end(), [](const auto& a, const auto& b) {
      return a.timed.members < b.timed.members;
    });
  return out;
}

}  // namespace

std::string render_scaling(const std::vector<ContenderResult>& results) {
  std::string out =
      fmt::format("{:<9} {:>13} {:>15} {:>12} {:>12} {:>12} {:>7} {:>8}\n", "contender", "members",
                  "events", "M events/s", "ns/member", "cpu ns/memb", "rounds", "spread");
  const auto groups = by_contender(results);
  for (const auto& [name, group] : groups)
    for (const ContenderResult& p : group)
      out += fmt::format("{:<9} {:>13} {:>15} {:>12.3f} {:>12.3f} {:>12.3f} {:>7} {:>7.0f}%\n",
                         name, p.timed.members, p.timed.events, p.events_per_second / 1e6,
                         ns_per_member(p), cpu_ns_per_member(p), p.rounds, round_spread_percent(p));

  // The chart uses CPU time: it is the work per member, while wall time also counts the moments
  // the machine gave to other work (the table shows both; on a quiet machine they agree).
  out += "\nCPU nanoseconds per member against members (bars scaled to the contender's largest):\n";
  for (const auto& [name, group] : groups) {
    double widest = 0;
    for (const ContenderResult& p : group) widest = std::max(widest, cpu_ns_per_member(p));
    out += fmt::format("{}\n", name);
    for (const ContenderResult& p : group) {
      const double ns = cpu_ns_per_member(p);
      const int bar = widest > 0 ? static_cast<int>(std::lround(ns / widest * kBarWidth)) : 0;
      const double decade =
          std::log10(static_cast<double>(std::max<std::uint64_t>(p.timed.members, 1)));
      out += fmt::format("  10^{:<4.1f} |{:<{}}| {:.2f} ns\n", decade, std::string(bar, '#'),
                         kBarWidth, ns);
    }
  }
  return out;
}

std::string render_scaling_json(const std::vector<ContenderResult>& results) {
  nlohmann::ordered_json points = nlohmann::ordered_json::object();
  for (const auto& [name, group] : by_contender(results)) {
    nlohmann::ordered_json series = nlohmann::ordered_json::array();
    for (const ContenderResult& p : group)
      series.push_back({p.timed.members, std::round(ns_per_member(p) * 1000) / 1000,
                        std::round(cpu_ns_per_member(p) * 1000) / 1000,
                        std::llround(p.events_per_second), p.rounds,
                        std::round(round_spread_percent(p) * 10) / 10});
    points[name] = series;
  }
  return nlohmann::ordered_json{{"scaling", points}}.dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace lockstep::bench
