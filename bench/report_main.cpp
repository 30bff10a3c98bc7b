// bench_report: the last step of bench/run (contract in report.h).
//
//   bench_report --results FILE [--mode MODE] [--absent NAME=WHY]...
//                [--national-wall-s S --national-peak-rss-bytes B | --national-note WHY]
//   bench_report --results FILE --scaling
//
// Prints the table (with --scaling: the scaling table and chart, scaling.h), then the one line of
// JSON as the very last line of stdout. When the
// contenders disagree it prints every disagreement on stderr and no JSON. Exit codes: 0 consistent,
// 1 disagreement, 2 bad usage or unreadable results.
#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bench/args.h"
#include "bench/report.h"
#include "bench/scaling.h"

namespace {

using namespace lockstep::bench;

// A results file holds a few lines per contender; anything larger is not one.
constexpr std::uintmax_t kMaxResultsBytes = 1 << 20;

std::string read_results(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::string text;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    text.append(buffer, got);
    if (text.size() > kMaxResultsBytes) {
      std::fclose(f);
      throw std::runtime_error(
          fmt::format("{}: expected at most {} bytes of results", path, kMaxResultsBytes));
    }
  }
  std::fclose(f);
  return text;
}

double parse_seconds(std::string_view value) {
  const std::string copy(value);
  char* end = nullptr;
  const double s = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !(s >= 0) || s > 1e9)
    throw std::invalid_argument(
        fmt::format("--national-wall-s expects a number of seconds, not '{}'", value));
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string results_path;
  bool scaling = false;
  ReportInputs in;
  in.mode = "full";
  in.national_note = "not measured";
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string_view arg = argv[i];
      if (arg == "--scaling") {
        scaling = true;
        continue;
      }
      if (i + 1 == argc) throw std::invalid_argument(fmt::format("{} needs a value", arg));
      const std::string_view value = argv[++i];
      if (arg == "--results") {
        results_path = value;
      } else if (arg == "--mode") {
        in.mode = value;
      } else if (arg == "--absent") {
        const std::size_t eq = value.find('=');
        if (eq == std::string_view::npos || eq == 0)
          throw std::invalid_argument(fmt::format("--absent expects NAME=WHY, not '{}'", value));
        in.absent[std::string(value.substr(0, eq))] = value.substr(eq + 1);
      } else if (arg == "--national-wall-s") {
        in.national_wall_seconds = parse_seconds(value);
      } else if (arg == "--national-peak-rss-bytes") {
        const auto n = parse_whole(value, UINT64_MAX);
        if (!n)
          throw std::invalid_argument(fmt::format(
              "--national-peak-rss-bytes expects a whole number of bytes, not '{}'", value));
        in.national_peak_rss_bytes = *n;
      } else if (arg == "--national-members") {
        const auto n = parse_whole(value, UINT64_MAX);
        if (!n)
          throw std::invalid_argument(
              fmt::format("--national-members expects a whole number, not '{}'", value));
        in.national_members = *n;
      } else if (arg == "--national-note") {
        in.national_note = value;
      } else {
        throw std::invalid_argument(fmt::format("unknown option '{}'", arg));
      }
    }
    if (results_path.empty()) throw std::invalid_argument("--results FILE is required");
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr,
               "bench_report: {}\nusage: bench_report --results FILE [--mode MODE] "
               "[--absent NAME=WHY]... [--national-wall-s S --national-peak-rss-bytes B | "
               "--national-note WHY] [--scaling]\n",
               e.what());
    return 2;
  }
  try {
    in.results = parse_results(read_results(results_path), results_path);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_report: {}\n", e.what());
    return 2;
  }
  const std::vector<std::string> problems =
      cross_check(in.results, &read_stream_header, /*one_per_contender=*/!scaling);
  in.results = merge_rounds(in.results);
  fmt::print("{}", scaling ? render_scaling(in.results) : render_table(in));
  if (!problems.empty()) {
    fmt::print(stderr, "\nbench_report: the contenders disagree; no figures are reported:\n");
    for (const std::string& p : problems) fmt::print(stderr, "  {}\n", p);
    return 1;
  }
  fmt::print("\ncounts: every contender agrees with the others and with the generator\n");
  fmt::print("{}\n", scaling ? render_scaling_json(in.results) : render_summary_json(in));
  return 0;
}
