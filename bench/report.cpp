// The report: parsing, cross-checking and rendering (contract in report.h).
#include "bench/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <tuple>

#include "report/grouped.h"

namespace lockstep::bench {
namespace {

using json = nlohmann::json;
using report::grouped;  // "1,234,567": figures people compare at a glance

// The contenders, in the order the table lists them.
constexpr std::array<std::string_view, 4> kKnown = {"engine", "xstate", "msm", "raw"};
// The contenders whose ordering rule is their campaign's rather than the stream's chain: the
// engine, through apply(span) or one apply per event (engine_replayer.cpp).
bool follows_campaign_order(std::string_view name) {
  return name == "engine" || name == "engine-each";
}

// Where a line's problems are reported: "source:line:column".
struct Where {
  std::string_view source;
  std::size_t line;
  std::string at(std::size_t column = 1) const {
    return fmt::format("{}:{}:{}", source, line, column);
  }
};

const json& member(const json& object, std::string_view key, const Where& where) {
  const auto it = object.find(key);
  if (it == object.end())
    throw std::invalid_argument(fmt::format("{}: expected a field \"{}\"", where.at(), key));
  return *it;
}

std::uint64_t whole(const json& object, std::string_view key, const Where& where) {
  const json& v = member(object, key, where);
  if (!v.is_number_unsigned())
    throw std::invalid_argument(fmt::format("{}: expected \"{}\" to be a whole number, found {}",
                                            where.at(), key, v.dump()));
  return v.get<std::uint64_t>();
}

double seconds(const json& object, std::string_view key, const Where& where) {
  const json& v = member(object, key, where);
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0)
    throw std::invalid_argument(fmt::format(
        "{}: expected \"{}\" to be a non-negative number, found {}", where.at(), key, v.dump()));
  return v.get<double>();
}

std::string text(const json& object, std::string_view key, const Where& where) {
  const json& v = member(object, key, where);
  if (!v.is_string())
    throw std::invalid_argument(
        fmt::format("{}: expected \"{}\" to be a string, found {}", where.at(), key, v.dump()));
  return v.get<std::string>();
}

CountsOn counts(const json& object, const Where& where) {
  return {text(object, "stream", where), whole(object, "members", where),
          whole(object, "events", where), whole(object, "accepted", where),
          whole(object, "refused", where)};
}

ContenderResult parse_line(std::string_view line, const Where& where) {
  json doc;
  try {
    doc = json::parse(line);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(
        fmt::format("{}: expected one JSON object per line ({})", where.at(e.byte), e.what()));
  }
  if (!doc.is_object())
    throw std::invalid_argument(fmt::format("{}: expected a JSON object", where.at()));
  ContenderResult r;
  r.name = text(doc, "contender", where);
  const json& check = member(doc, "check", where);
  if (!check.is_object())
    throw std::invalid_argument(fmt::format("{}: expected \"check\" to be an object", where.at()));
  r.check = counts(check, where);
  r.timed = counts(doc, where);
  r.repetitions = whole(doc, "repetitions", where);
  r.best_seconds = seconds(doc, "best_s", where);
  r.best_cpu_seconds = seconds(doc, "best_cpu_s", where);
  r.events_per_second = seconds(doc, "events_per_s", where);
  r.state_bytes_per_member = whole(doc, "state_bytes_per_member", where);
  r.peak_rss_bytes = whole(doc, "peak_rss_bytes", where);
  return r;
}

// Results in table order: the known contenders first, then others by name.
std::vector<const ContenderResult*> ordered(const std::vector<ContenderResult>& results) {
  std::vector<const ContenderResult*> out;
  for (const ContenderResult& r : results) out.push_back(&r);
  auto rank = [](const std::string& name) {
    const auto it = std::find(kKnown.begin(), kKnown.end(), name);
    return static_cast<std::size_t>(it - kKnown.begin());
  };
  std::stable_sort(out.begin(), out.end(), [&](const ContenderResult* a, const ContenderResult* b) {
    return std::pair(rank(a->name), a->name) < std::pair(rank(b->name), b->name);
  });
  return out;
}

const ContenderResult* find(const ReportInputs& in, std::string_view name) {
  for (const ContenderResult& r : in.results)
    if (r.name == name) return &r;
  return nullptr;
}

void check_against_header(const ContenderResult& r, const CountsOn& c, std::string_view which,
                          const StreamHeader& h, std::vector<std::string>& problems) {
  if (c.accepted + c.refused != c.events)
    problems.push_back(fmt::format("{} accepted {} and refused {} of the {} stream's {} events",
                                   r.name, c.accepted, c.refused, which, c.events));
  if (c.members != h.members || c.events != h.events)
    problems.push_back(fmt::format(
        "{} reports {} members and {} events for the {} stream {}, whose header says {} and {}",
        r.name, c.members, c.events, which, c.stream, h.members, h.events));
  // The engine follows its campaign's order, not the stream's chain (engine_replayer.cpp): its
  // counts are checked by the contender itself against a reference loop over the campaign's
  // prerequisites, and a pass that disagrees fails it.
  if (follows_campaign_order(r.name)) return;
  if (c.accepted != h.expected_accepted || c.refused != h.expected_refused)
    problems.push_back(fmt::format(
        "{} accepted {} and refused {} on the {} stream {}, where the generator made {} acceptable "
        "and {} out of order",
        r.name, c.accepted, c.refused, which, c.stream, h.expected_accepted, h.expected_refused));
}

}  // namespace

std::vector<ContenderResult> parse_results(std::string_view text, std::string_view source) {
  std::vector<ContenderResult> results;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    results.push_back(parse_line(line, Where{source, line_number}));
  }
  return results;
}

std::vector<ContenderResult> merge_rounds(const std::vector<ContenderResult>& results) {
  std::vector<ContenderResult> merged;
  // (name, timed stream, members) -> its place in `merged`
  std::map<std::tuple<std::string, std::string, std::uint64_t>, std::size_t> index;
  for (const ContenderResult& r : results) {
    const auto [it, fresh] =
        index.try_emplace({r.name, r.timed.stream, r.timed.members}, merged.size());
    if (fresh) {
      merged.push_back(r);
      merged.back().slowest_round_cpu_seconds =
          std::max(r.slowest_round_cpu_seconds, r.best_cpu_seconds);
      continue;
    }
    ContenderResult& m = merged[it->second];
    m.repetitions += r.repetitions;
    m.best_seconds = std::min(m.best_seconds, r.best_seconds);
    m.best_cpu_seconds = std::min(m.best_cpu_seconds, r.best_cpu_seconds);
    m.events_per_second = std::max(m.events_per_second, r.events_per_second);
    m.peak_rss_bytes = std::max(m.peak_rss_bytes, r.peak_rss_bytes);
    m.slowest_round_cpu_seconds =
        std::max({m.slowest_round_cpu_seconds, r.slowest_round_cpu_seconds, r.best_cpu_seconds});
    m.rounds += r.rounds;
  }
  return merged;
}

double round_spread_percent(const ContenderResult& r) {
  const double slowest = std::max(r.slowest_round_cpu_seconds, r.best_cpu_seconds);
  return r.best_cpu_seconds > 0 ? (slowest / r.best_cpu_seconds - 1) * 100 : 0;
}

std::vector<std::string> cross_check(const std::vector<ContenderResult>& results,
                                     const HeaderReader& header_of, bool one_per_contender) {
  std::vector<std::string> problems;
  if (results.empty()) problems.push_back("no contender reported any result");
  std::map<std::string, std::optional<StreamHeader>> headers;
  auto header = [&](const std::string& path) -> const std::optional<StreamHeader>& {
    auto [it, fresh] = headers.try_emplace(path);
    if (fresh) {
      try {
        it->second = header_of(path);
      } catch (const std::exception& e) {
        problems.push_back(e.what());
      }
    }
    return it->second;
  };
  std::map<std::string, std::string> timed_stream;  // contender -> its first timed stream
  for (const ContenderResult& r : results) {
    const auto [first, fresh] = timed_stream.try_emplace(r.name, r.timed.stream);
    if (!fresh && first->second != r.timed.stream && one_per_contender)
      problems.push_back(fmt::format("{} timed two streams, {} and {}: one is expected", r.name,
                                     first->second, r.timed.stream));
    if (r.repetitions == 0) problems.push_back(fmt::format("{} timed no pass", r.name));
    if (const auto& h = header(r.check.stream))
      check_against_header(r, r.check, "check", *h, problems);
    if (const auto& h = header(r.timed.stream))
      check_against_header(r, r.timed, "timed", *h, problems);
  }
  // Agreement among contenders, stated directly so that a failure names who differs from whom.
  const ContenderResult* first_ptr = nullptr;
  for (const ContenderResult& r : results)
    if (!follows_campaign_order(r.name) && !first_ptr) first_ptr = &r;
  for (const ContenderResult& r : results) {
    if (!first_ptr || &r == first_ptr) continue;
    const ContenderResult& first = *first_ptr;
    if (follows_campaign_order(r.name)) {
      if (r.check.stream != first.check.stream)
        problems.push_back(
            fmt::format("{} checked on {} but {} on {}: all must share one check stream", r.name,
                        r.check.stream, first.name, first.check.stream));
      continue;
    }
    if (r.check.stream != first.check.stream)
      problems.push_back(
          fmt::format("{} checked on {} but {} on {}: all must share one check stream", r.name,
                      r.check.stream, first.name, first.check.stream));
    else if (r.check.accepted != first.check.accepted || r.check.refused != first.check.refused)
      problems.push_back(fmt::format(
          "on the check stream {} accepted {} and refused {}, but {} accepted {} and refused {}",
          r.name, r.check.accepted, r.check.refused, first.name, first.check.accepted,
          first.check.refused));
  }
  return problems;
}

std::string render_table(const ReportInputs& in) {
  std::string out =
      fmt::format("{:<11} {:>13} {:>15} {:>9} {:>9} {:>12} {:>12} {:>9} {:>9} {:>6} {:>7}\n",
                  "contender", "members", "events", "best s", "cpu s", "M events/s", "ratio to raw",
                  "B/member", "peak MiB", "rounds", "spread");
  const ContenderResult* raw = find(in, "raw");
  auto row = [&](const ContenderResult& r) {
    const std::string ratio =
        raw && raw->events_per_second > 0
            ? fmt::format("{:.4g}", r.events_per_second / raw->events_per_second)
            : "n/a";
    out += fmt::format(
        "{:<11} {:>13} {:>15} {:>9.4f} {:>9.4f} {:>12.3f} {:>12} {:>9} {:>9.1f} {:>6} {:>6.0f}%\n",
        r.name, grouped(r.timed.members), grouped(r.timed.events), r.best_seconds,
        r.best_cpu_seconds, r.events_per_second / 1e6, ratio, r.state_bytes_per_member,
        static_cast<double>(r.peak_rss_bytes) / (1024.0 * 1024.0), r.rounds,
        round_spread_percent(r));
  };
  for (std::string_view name : kKnown) {
    if (const ContenderResult* r = find(in, name)) {
      row(*r);
      continue;
    }
    const auto why = in.absent.find(std::string(name));
    out +=
        fmt::format("{:<11} n/a: {}\n", name, why != in.absent.end() ? why->second : "did not run");
  }
  for (const ContenderResult* r : ordered(in.results))
    if (std::find(kKnown.begin(), kKnown.end(), r->name) == kKnown.end()) row(*r);

  const ContenderResult* engine = find(in, "engine");
  auto goal = [&](std::string_view what, const ContenderResult* peer, double factor) {
    if (!engine) return fmt::format("  {:<24} n/a: no engine figure yet\n", what);
    if (!peer || peer->events_per_second <= 0)
      return fmt::format("  {:<24} n/a: no figure for the peer\n", what);
    const double ratio = engine->events_per_second / peer->events_per_second;
    // Three significant digits, but whole numbers from 100 up: 1047x, not 1.05e+03x.
    const auto times = [](double x) {
      return x >= 100 ? fmt::format("{:.0f}x", x) : fmt::format("{:.3g}x", x);
    };
    return fmt::format("  {:<24} {} (engine at {} the peer, goal {})\n", what,
                       ratio >= factor ? "met" : "NOT met", times(ratio), times(factor));
  };
  out += "\nthe engine's performance goals:\n";
  out += goal("at least 200x XState", find(in, "xstate"), 200);
  out += goal("at least as fast as MSM", find(in, "msm"), 1);
  out += goal("within 10x of raw", raw, 0.1);
  if (const ContenderResult* checked = find(in, "msm-checked"); checked && engine)
    out += fmt::format(
        "  for comparison: the engine at {:.3g}x MSM doing the engine's checks "
        "(msm-checked)\n",
        engine->events_per_second / checked->events_per_second);
  out += fmt::format("\nnational run (lockstep simulate, {} members): ",
                     in.national_members ? grouped(*in.national_members) : "100,271,000");
  if (in.national_wall_seconds)
    out += fmt::format("{:.2f} s wall, {} bytes peak resident\n", *in.national_wall_seconds,
                       in.national_peak_rss_bytes ? grouped(*in.national_peak_rss_bytes) : "n/a");
  else
    out += fmt::format("n/a: {}\n", in.national_note);
  return out;
}

std::string render_summary_json(const ReportInputs& in) {
  nlohmann::ordered_json out;
  for (std::string_view name : kKnown) {
    const ContenderResult* r = find(in, name);
    out[fmt::format("{}_events_per_s", name)] =
        r ? nlohmann::ordered_json(std::llround(r->events_per_second)) : nullptr;
  }
  out["national_wall_s"] =
      in.national_wall_seconds ? nlohmann::ordered_json(*in.national_wall_seconds) : nullptr;
  out["national_peak_rss_bytes"] =
      in.national_peak_rss_bytes ? nlohmann::ordered_json(*in.national_peak_rss_bytes) : nullptr;
  out["mode"] = in.mode;
  out["national_members"] =
      in.national_members ? nlohmann::ordered_json(*in.national_members) : nullptr;
  nlohmann::ordered_json detail = nlohmann::ordered_json::object();
  for (const ContenderResult* r : ordered(in.results))
    detail[r->name] = {{"members", r->timed.members},
                       {"events", r->timed.events},
                       {"accepted", r->timed.accepted},
                       {"refused", r->timed.refused},
                       {"repetitions", r->repetitions},
                       {"best_s", r->best_seconds},
                       {"best_cpu_s", r->best_cpu_seconds},
                       {"state_bytes_per_member", r->state_bytes_per_member},
                       {"peak_rss_bytes", r->peak_rss_bytes},
                       {"rounds", r->rounds},
                       {"round_spread_percent", std::round(round_spread_percent(*r) * 10) / 10}};
  out["contenders"] = detail;
  nlohmann::ordered_json absent = nlohmann::ordered_json::object();
  for (const auto& [name, why] : in.absent)
    if (!find(in, name)) absent[name] = why;
  if (!in.national_wall_seconds) absent["national"] = in.national_note;
  out["not_measured"] = absent;
  // Paths and reasons come from the command line and may not be UTF-8: replace, never throw.
  return out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace lockstep::bench
