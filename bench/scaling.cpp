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

// One contender at one size over every round of the sweep. A round's figure is already the best
// of its passes; across rounds the best is kept again, since the passes of one round run back to
// back and a busy spell on the machine can slow them all, while rounds are minutes apart.
struct Point {
  std::uint64_t members = 0;
  std::uint64_t events = 0;
  double best_seconds = 0;
  double best_cpu_seconds = 0;
  double events_per_second = 0;
  int rounds = 0;
  double worst_cpu_seconds = 0;  // the slowest round's best, for the spread
};

double per_member(double seconds, const Point& p) {
  return p.members == 0 ? 0 : seconds * 1e9 / static_cast<double>(p.members);
}
double ns_per_member(const Point& p) {
  return per_member(p.best_seconds, p);
}
double cpu_ns_per_member(const Point& p) {
  return per_member(p.best_cpu_seconds, p);
}
// How much slower the slowest round was than the best, in percent: the noise between rounds.
double spread_percent(const Point& p) {
  return p.best_cpu_seconds > 0 ? (p.worst_cpu_seconds / p.best_cpu_seconds - 1) * 100 : 0;
}

// Points grouped by contender, in the report's order, each group by ascending size, the rounds
// of one size merged.
std::vector<std::pair<std::string, std::vector<Point>>> by_contender(
    const std::vector<ContenderResult>& results) {
  const std::vector<std::string> known = {"engine", "xstate", "msm", "raw"};
  std::map<std::string, std::map<std::uint64_t, Point>> groups;
  for (const ContenderResult& r : results) {
    Point& p = groups[r.name][r.timed.members];
    if (p.rounds++ == 0) {
      p.members = r.timed.members;
      p.events = r.timed.events;
      p.best_seconds = r.best_seconds;
      p.best_cpu_seconds = p.worst_cpu_seconds = r.best_cpu_seconds;
      p.events_per_second = r.events_per_second;
      continue;
    }
    p.best_seconds = std::min(p.best_seconds, r.best_seconds);
    p.best_cpu_seconds = std::min(p.best_cpu_seconds, r.best_cpu_seconds);
    p.worst_cpu_seconds = std::max(p.worst_cpu_seconds, r.best_cpu_seconds);
    p.events_per_second = std::max(p.events_per_second, r.events_per_second);
  }
  std::vector<std::pair<std::string, std::vector<Point>>> out;
  auto take = [&](const std::string& name, const std::map<std::uint64_t, Point>& sizes) {
    std::vector<Point> points;
    for (const auto& [members, p] : sizes) points.push_back(p);
    out.emplace_back(name, std::move(points));
  };
  for (const std::string& name : known)
    if (auto it = groups.find(name); it != groups.end()) take(name, it->second);
  for (const auto& [name, sizes] : groups)
    if (std::find(known.begin(), known.end(), name) == known.end()) take(name, sizes);
  return out;
}

}  // namespace

std::string render_scaling(const std::vector<ContenderResult>& results) {
  std::string out =
      fmt::format("{:<9} {:>13} {:>15} {:>12} {:>12} {:>12} {:>7} {:>8}\n", "contender", "members",
                  "events", "M events/s", "ns/member", "cpu ns/memb", "rounds", "spread");
  const auto groups = by_contender(results);
  for (const auto& [name, group] : groups)
    for (const Point& p : group)
      out += fmt::format("{:<9} {:>13} {:>15} {:>12.3f} {:>12.3f} {:>12.3f} {:>7} {:>7.0f}%\n",
                         name, p.members, p.events, p.events_per_second / 1e6, ns_per_member(p),
                         cpu_ns_per_member(p), p.rounds, spread_percent(p));

  // The chart uses CPU time: it is the work per member, while wall time also counts the moments
  // the machine gave to other work (the table shows both; on a quiet machine they agree).
  out += "\nCPU nanoseconds per member against members (bars scaled to the contender's largest):\n";
  for (const auto& [name, group] : groups) {
    double widest = 0;
    for (const Point& p : group) widest = std::max(widest, cpu_ns_per_member(p));
    out += fmt::format("{}\n", name);
    for (const Point& p : group) {
      const double ns = cpu_ns_per_member(p);
      const int bar = widest > 0 ? static_cast<int>(std::lround(ns / widest * kBarWidth)) : 0;
      const double decade = std::log10(static_cast<double>(std::max<std::uint64_t>(p.members, 1)));
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
    for (const Point& p : group)
      series.push_back({p.members, std::round(ns_per_member(p) * 1000) / 1000,
                        std::round(cpu_ns_per_member(p) * 1000) / 1000,
                        std::llround(p.events_per_second), p.rounds,
                        std::round(spread_percent(p) * 10) / 10});
    points[name] = series;
  }
  return nlohmann::ordered_json{{"scaling", points}}.dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace lockstep::bench
